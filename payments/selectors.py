from django.db.models import QuerySet

from accounts.models import User
from bookings.selectors import booking_visible_to
from payments.models import Invoice, Payment


def payment_list(*, user: User) -> QuerySet[Payment]:
    """Payments of the bookings the user may see (own, assigned, or all for admins)."""
    return Payment.objects.filter(booking__in=booking_visible_to(user=user)).select_related(
        "booking__customer").prefetch_related("refunds")


def payment_for_order(*, user: User, order_id: str) -> Payment | None:
    return payment_list(user=user).filter(gateway_order_id=order_id).first()


def invoice_for_booking(*, user: User, booking_id: int) -> Invoice | None:
    return Invoice.objects.filter(booking__in=booking_visible_to(user=user), booking_id=booking_id).first()


def invoice_of(*, booking_id: int) -> Invoice | None:
    return Invoice.objects.filter(booking_id=booking_id).first()
