"""Every write to payments. A payment is applied once: capture locks the payment row, and whoever
comes second (verify or webhook, in either order) finds it paid and does nothing."""

import hashlib
import json
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from bookings import money
from bookings.lifecycle import booking_lock
from bookings.models import AssignmentKind, BookedServiceStatus, Booking, BookingStatus
from bookings.models import PaymentMethod as BookingPaymentMethod
from bookings.selectors.access import booking_detail_for_invoice, line_approval
from bookings.selectors.totals import booked_service_price, booking_totals, selection_totals
from bookings.services.confirmation import (
    Confirmation,
    booking_confirm_paid,
    booking_confirm_services,
    booking_confirmable_or_refuse,
)
from notifications.models import NotificationCategory
from notifications.services import notify
from payments import tasks
from payments.gateway import gateway
from payments.models import (
    Invoice,
    InvoiceCounter,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    Refund,
    RefundStatus,
    WebhookEvent,
)
from revcare.errors import ApplicationError, ConflictError, NotFoundError
from revcare.roles import RoleName

# Starting and settling payments ------------------------------------------------------------------


@transaction.atomic
def services_confirm(*, booking_id: int, actor: User, service_ids: list[int], payment_method: str,
                     channel: str) -> Confirmation:
    """The customer picks which quoted and recommended services to have done and how to pay. Cash on
    delivery starts the work at once (bookings); online holds the choice (prices and GST rate included)
    on a Razorpay order until the payment is verified (payment_capture → booking_confirm_paid)."""
    if payment_method != BookingPaymentMethod.ONLINE:
        return booking_confirm_services(booking_id=booking_id, actor=actor, service_ids=service_ids,
                                        payment_method=payment_method, channel=channel)
    booking = booking_lock(booking_id)
    booking_confirmable_or_refuse(booking=booking, service_ids=service_ids)
    totals = selection_totals(booking, service_ids)
    payment = online_payment_start(
        booking=booking, purpose=PaymentPurpose.SERVICES, amount=totals.total,
        confirmation={"service_ids": sorted(set(service_ids)), "gst_percent": str(totals.gst_percent),
                      "confirmed_by": actor.pk, "channel": channel})
    return Confirmation(booking=booking, payment=payment)


def online_payment_start(*, booking: Booking, purpose: str, amount: Decimal, confirmation: dict | None = None
                         ) -> Payment:
    """A Razorpay order for `amount` (rupees, GST included). The gateway is asked first: if it fails,
    nothing is written."""
    order = gateway().order_create(amount_paise=money.paise(amount), receipt=str(booking.pk),
                                   notes={"booking_id": str(booking.pk), "purpose": purpose})
    if order.amount_paise != money.paise(amount):
        raise ApplicationError("The payment gateway answered with a different amount; nothing was charged.",
                               status=502)
    # An earlier unpaid order for the same purpose is abandoned: only the newest can confirm.
    Payment.objects.filter(booking=booking, purpose=purpose, status=PaymentStatus.PENDING,
                           method=PaymentMethod.ONLINE).update(status=PaymentStatus.FAILED,
                                                               failure_reason="Replaced by a newer order")
    return Payment.objects.create(booking=booking, purpose=purpose, method=PaymentMethod.ONLINE, amount=amount,
                                  gateway_order_id=order.order_id, confirmation=confirmation or {})


def payment_fail(*, order_id: str, reason: str) -> Payment | None:
    """A failed attempt is recorded; a payment that was already paid stays paid."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(gateway_order_id=order_id).first()
        if payment is not None and payment.status == PaymentStatus.PENDING:
            payment.status, payment.failure_reason = PaymentStatus.FAILED, reason[:300]
            payment.save(update_fields=["status", "failure_reason"])
        return payment


def payment_verify(*, order_id: str, payment_id: str, signature: str) -> Payment:
    """Checkout's callback. A bad signature marks the payment failed and changes nothing else."""
    if not Payment.objects.filter(gateway_order_id=order_id).exists():
        raise NotFoundError("No payment is waiting for that order.")
    if not gateway().payment_signature_valid(order_id=order_id, payment_id=payment_id, signature=signature):
        payment_fail(order_id=order_id, reason="The payment signature did not match")
        raise ApplicationError("Payment verification failed: the signature does not match.")
    return payment_capture(order_id=order_id, payment_id=payment_id)


@transaction.atomic
def payment_capture(*, order_id: str, payment_id: str) -> Payment:
    """Apply a payment the gateway vouched for, once."""
    payment = Payment.objects.select_for_update().select_related("booking").filter(gateway_order_id=order_id).first()
    if payment is None:
        raise NotFoundError("No payment is waiting for that order.")
    if payment.status == PaymentStatus.PAID:
        return payment
    payment.status, payment.gateway_payment_id, payment.paid_at = PaymentStatus.PAID, payment_id, timezone.now()
    payment.failure_reason = ""
    payment.save(update_fields=["status", "gateway_payment_id", "paid_at", "failure_reason"])
    _apply_paid(payment)
    return payment


def _apply_paid(payment: Payment) -> None:
    """What a paid payment does to its booking."""
    booking = payment.booking
    if payment.purpose == PaymentPurpose.SERVICES:
        if booking.status != BookingStatus.ANALYSED:
            # Paid for a booking that moved on (cancelled meanwhile): give the money back.
            refund_request(payment=payment, amount=payment.amount)
            return
        booking_confirm_paid(booking_id=booking.pk, confirmation=payment.confirmation)
    if payment.purpose in (PaymentPurpose.SERVICES, PaymentPurpose.DELIVERY):
        invoice_issue(booking_id=booking.pk, payment=payment)  # the invoice email is the receipt
    else:
        notify(recipient=booking.customer, category=NotificationCategory.INVOICE,
               subject=f"Payment received for booking #{booking.pk}", template="payment_received",
               context={"booking": booking, "payment": payment}, booking_id=booking.pk)


# Webhooks ----------------------------------------------------------------------------------------


def webhook_receive(*, body: bytes, signature: str, event_id: str = "") -> str:
    """Razorpay's webhook: verified over the raw body, each event handled once."""
    if not gateway().webhook_signature_valid(body=body, signature=signature):
        raise ApplicationError("The webhook signature does not match.")
    try:
        event = json.loads(body)
        kind = event["event"]
    except (ValueError, KeyError, TypeError) as error:
        raise ApplicationError("The webhook body is not a Razorpay event.") from error
    event_id = event_id or hashlib.sha256(body).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(event_id=event_id, event=kind, payload=event)
        except IntegrityError:
            return "duplicate"
        entity = lambda name: event.get("payload", {}).get(name, {}).get("entity", {})  # noqa: E731
        if kind == "payment.captured" and Payment.objects.filter(gateway_order_id=entity("payment").get(
                "order_id")).exists():
            payment_capture(order_id=entity("payment")["order_id"], payment_id=entity("payment")["id"])
        elif kind == "payment.failed" and entity("payment").get("order_id"):
            payment_fail(order_id=entity("payment")["order_id"],
                         reason=entity("payment").get("error_description") or "Payment failed at the gateway")
        elif kind == "refund.processed" and entity("refund").get("id"):
            Refund.objects.filter(gateway_refund_id=entity("refund")["id"]).exclude(
                status=RefundStatus.PROCESSED).update(status=RefundStatus.PROCESSED, processed_at=timezone.now())
    return "processed"


# Refunds -----------------------------------------------------------------------------------------


def refund_request(*, payment: Payment, amount: Decimal) -> Refund:
    """Record a refund and send it from a Celery task once this transaction commits."""
    refund = Refund.objects.create(payment=payment, amount=amount)
    transaction.on_commit(partial(tasks.refund_send.delay, refund.pk))
    return refund


def refund_send(*, refund_id: int) -> Refund:
    """Ask the gateway for the refund, once; GatewayUnavailable propagates so the task retries."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("payment__booking").get(pk=refund_id)
        if refund.status != RefundStatus.PENDING or refund.gateway_refund_id:
            return refund
        refund.attempts += 1
        refund.save(update_fields=["attempts"])
    answer = gateway().refund_create(payment_id=refund.payment.gateway_payment_id,
                                     amount_paise=money.paise(refund.amount),
                                     notes={"booking_id": str(refund.payment.booking_id)})
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("payment__booking__customer").get(pk=refund_id)
        refund.gateway_refund_id = answer["id"]
        if answer.get("status") == "processed":
            refund.status, refund.processed_at = RefundStatus.PROCESSED, timezone.now()
        refund.save(update_fields=["gateway_refund_id", "status", "processed_at"])
        booking = refund.payment.booking
        notify(recipient=booking.customer, category=NotificationCategory.INVOICE,
               subject=f"Refund of ₹{refund.amount} for booking #{booking.pk}", template="refund_issued",
               context={"booking": booking, "refund": refund}, booking_id=booking.pk)
    return refund


def refund_give_up(*, refund_id: int, error: str) -> None:
    Refund.objects.filter(pk=refund_id, status=RefundStatus.PENDING).update(status=RefundStatus.FAILED,
                                                                            last_error=error[:300])


# Cancellation ------------------------------------------------------------------------------------


def cancellation_settle(*, booking: Booking, fee_total: Decimal) -> Decimal:
    """Money when a booking is cancelled: what was paid online comes back minus the fee (never below
    zero); otherwise a fee becomes a cash payment due when the car is returned. Returns the refund."""
    Payment.objects.filter(booking=booking, status=PaymentStatus.PENDING, method=PaymentMethod.ONLINE).update(
        status=PaymentStatus.FAILED, failure_reason="Booking cancelled")
    paid = Payment.objects.filter(booking=booking, status=PaymentStatus.PAID, purpose=PaymentPurpose.SERVICES)
    paid_total = paid.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    if paid_total > 0:
        refund = max(paid_total - fee_total, Decimal("0.00"))
        if refund > 0:
            refund_request(payment=paid.first(), amount=money.rupees(refund))
        return money.rupees(refund)
    if fee_total > 0:
        Payment.objects.create(booking=booking, purpose=PaymentPurpose.CANCELLATION_FEE, method=PaymentMethod.CASH,
                               amount=fee_total)
    return Decimal("0.00")


# Cash on delivery ---------------------------------------------------------------------------------


def amount_due(booking: Booking) -> tuple[str, Decimal]:
    """What is to be collected from the customer at the car's return, and why; 409 if nothing is."""
    if booking.status == BookingStatus.CANCELLED:
        fee = Payment.objects.filter(booking=booking, purpose=PaymentPurpose.CANCELLATION_FEE,
                                     status=PaymentStatus.PENDING).first()
        if fee is None:
            raise ConflictError("Nothing is due for this cancelled booking.")
        return PaymentPurpose.CANCELLATION_FEE, fee.amount
    if booking.payment_method != "cod" or booking.status not in (BookingStatus.COMPLETED,
                                                                 BookingStatus.OUT_FOR_DELIVERY):
        raise ConflictError("Cash on delivery is collected when a cod booking's car is returned.")
    if Payment.objects.filter(booking=booking, purpose=PaymentPurpose.DELIVERY, status=PaymentStatus.PAID).exists():
        raise ConflictError("This booking is already paid.")
    return PaymentPurpose.DELIVERY, booking_totals(booking).total


@transaction.atomic
def cod_collect(*, booking_id: int, collector: User, mode: str) -> Payment:
    """At the car's return: `cash` records the cash as collected; `online` opens a Razorpay order the
    customer pays at the door (settled by payment_verify)."""
    if collector.role_id not in (RoleName.ADMIN, RoleName.MECHANIC):
        raise ApplicationError("The drop mechanic or an admin collects payment at the car's return.", status=403)
    booking = booking_lock(booking_id)
    if collector.role_id == RoleName.MECHANIC:
        latest = booking.assignments.order_by("-id").select_related("assignment_type").first()
        if latest is None or latest.mechanic_id != collector.pk or latest.assignment_type.kind != AssignmentKind.DROP:
            raise ConflictError("Only the mechanic returning the car collects its payment.")
    purpose, amount = amount_due(booking)
    if mode == PaymentMethod.ONLINE:
        return online_payment_start(booking=booking, purpose=purpose, amount=amount)
    payment = Payment.objects.filter(booking=booking, purpose=purpose, status=PaymentStatus.PENDING,
                                     method=PaymentMethod.CASH).first() or Payment(
        booking=booking, purpose=purpose, method=PaymentMethod.CASH, amount=amount)
    payment.status, payment.paid_at, payment.collected_by = PaymentStatus.PAID, timezone.now(), collector
    payment.save()
    _apply_paid(payment)
    return payment


def booking_settled(booking: Booking) -> bool:
    """Whether a car may be handed back: a cod bill is paid, a cancellation fee collected."""
    if booking.status == BookingStatus.CANCELLED:
        return not Payment.objects.filter(booking=booking, purpose=PaymentPurpose.CANCELLATION_FEE,
                                          status=PaymentStatus.PENDING).exists()
    if booking.payment_method != "cod":
        return True
    return Payment.objects.filter(booking=booking, purpose=PaymentPurpose.DELIVERY, status=PaymentStatus.PAID).exists()


# Invoices ----------------------------------------------------------------------------------------


def invoice_number_next(*, year: int) -> str:
    """INV-2026-000123: the counter row stays locked until the invoice commits, so numbers have no gaps."""
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"INV-{year}-{counter.last_value:06d}"


def _approval_words(decision) -> str:
    """What the invoice says of a line's consent: who approved it, when, how and at what price."""
    if decision is None:
        return ""
    when = timezone.localtime(decision.decided_at).strftime("%d %b %Y, %H:%M")
    return (f"Approved by {decision.actor.get_full_name()} on {when} via {decision.get_channel_display().lower()} "
            f"at ₹{decision.unit_price}")


@transaction.atomic
def invoice_issue(*, booking_id: int, payment: Payment) -> Invoice:
    existing = Invoice.objects.filter(booking_id=booking_id).first()
    if existing is not None:
        return existing
    booking = booking_detail_for_invoice(booking_id=booking_id)
    totals = booking_totals(booking)
    lines = [{"title": row.service.title, "quantity": row.quantity, "unit_price": str(booked_service_price(row)),
              "amount": str(money.line_total(booked_service_price(row), row.quantity)),
              "approved": _approval_words(line_approval(row))}
             for row in booking.services.all() if row.status == BookedServiceStatus.CONFIRMED]
    invoice = Invoice.objects.create(
        number=invoice_number_next(year=timezone.localdate().year), booking=booking,
        customer_name=booking.customer.get_full_name(), vehicle=booking.car.registration_number, lines=lines,
        subtotal=totals.subtotal, gst_percent=totals.gst_percent, gst=totals.gst, total=totals.total,
        payment_method=payment.method, payment_status=payment.status)
    notify(recipient=booking.customer, category=NotificationCategory.INVOICE,
           subject=f"Invoice {invoice.number} for booking #{booking.pk}", template="invoice",
           context={"booking": booking, "invoice": invoice}, booking_id=booking.pk)
    return invoice
