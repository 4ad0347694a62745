from django.db.models import QuerySet

from accounts.models import User
from bookings.selectors.access import booking_visible_to
from payments.models import Invoice, Payment, PaymentMethod, PaymentStatus
from payments.services import amount_due, booking_settled
from revcare.errors import ConflictError


def payment_list(*, user: User, status: str | None = None, method: str | None = None, purpose: str | None = None,
                 booking_id: int | None = None, customer_id: str | None = None) -> QuerySet[Payment]:
    """Payments of the bookings the user may see (own, assigned, or all for admins), filtered."""
    payments = Payment.objects.filter(booking__in=booking_visible_to(user=user))
    filters = {"status": status, "method": method, "purpose": purpose, "booking_id": booking_id,
               "booking__customer__public_id": customer_id}
    payments = payments.filter(**{field: value for field, value in filters.items() if value is not None})
    return payments.select_related("booking__customer").prefetch_related("refunds")


def payment_for_order(*, user: User, order_id: str) -> Payment | None:
    return payment_list(user=user).filter(gateway_order_id=order_id).first()


def invoice_for_booking(*, user: User, booking_id: int) -> Invoice | None:
    return Invoice.objects.filter(booking__in=booking_visible_to(user=user), booking_id=booking_id).first()


def invoice_of(*, booking_id: int) -> Invoice | None:
    return Invoice.objects.filter(booking_id=booking_id).first()


def open_order_for(*, user: User, booking_id: int) -> Payment | None:
    """The online payment the customer started for this booking and has not finished, if any."""
    return payment_list(user=user, booking_id=booking_id, status=PaymentStatus.PENDING).filter(
        gateway_order_id__isnull=False).order_by("-id").first()


def payment_due_at_return(*, booking) -> dict | None:
    """{purpose, amount, online (an open online payment or None)} to collect when the car goes back, or None when
    nothing is due: what the drop mechanic's page shows."""
    if booking_settled(booking):
        return None
    try:
        purpose, amount = amount_due(booking)
    except ConflictError:
        return None
    pending = Payment.objects.filter(booking=booking, purpose=purpose, status=PaymentStatus.PENDING,
                                     method=PaymentMethod.ONLINE).order_by("-id").first()
    return {"purpose": purpose, "amount": amount, "online": pending}
