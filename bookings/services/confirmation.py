"""The customer's confirmation of the quoted services (cash, or online once paid) and cancellations
with their fee."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bookings import money
from bookings.lifecycle import CANCELLABLE, booking_lock, booking_move
from bookings.models import BookedServiceStatus, Booking, BookingStatus, DecisionChannel, PaymentMethod
from bookings.services.consent import decisions_record
from bookings.signals import booking_cancelling, services_confirming
from garage.selectors import gst_percent_current
from revcare.errors import ConflictError

S = BookingStatus

CANCELLATION_MINIMUM = Decimal("100.00")


# Confirming and cancelling ------------------------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    booking: Booking
    payment: object | None  # the online payment to complete, when paying online


def _selection_apply(booking: Booking, service_ids: list[int], *, actor: User, channel: str) -> None:
    decisions_record(lines=list(booking.services.all()), approved_ids=set(service_ids), actor=actor, channel=channel)


def booking_confirmable_or_refuse(*, booking: Booking, service_ids: list[int]) -> None:
    """Whether the customer may confirm these services of a booking locked by the caller: after a checked
    analysis, and only services of its quote."""
    if booking.status != S.ANALYSED:
        raise ConflictError(f"Services are confirmed after the analysis, not while the booking is {booking.status}.")
    services_confirming.send(sender=Booking, booking=booking)  # the workshop refuses while the quote is unchecked
    rows = {row.service_id: row for row in booking.services.all()}
    if not service_ids or any(service_id not in rows for service_id in service_ids):
        raise ValidationError({"service_ids": ["Choose at least one of the quoted services of this booking."]})


@transaction.atomic
def booking_confirm_services(*, booking_id: int, actor: User, service_ids: list[int],
                             payment_method: str, channel: str) -> Confirmation:
    """The customer picks which quoted and recommended services to have done, paying cash on delivery:
    the work starts at once. (Paying online holds the choice on a payment first: payments.services.
    services_confirm, which callers use for either way of paying.)"""
    if payment_method != PaymentMethod.COD:
        raise ValidationError({"payment_method": ["Online payment starts through the payments app."]})
    booking = booking_lock(booking_id)
    booking_confirmable_or_refuse(booking=booking, service_ids=service_ids)
    percent = gst_percent_current()
    _selection_apply(booking, service_ids, actor=actor, channel=channel)
    booking_move(booking=booking, to=S.IN_PROGRESS, actor=actor, note="Services confirmed, cash on delivery",
                 gst_percent=percent, payment_method=payment_method, confirmed_at=timezone.now())
    return Confirmation(booking=booking, payment=None)


@transaction.atomic
def booking_confirm_paid(*, booking_id: int, confirmation: dict) -> Booking:
    """An online payment for the held choice was verified: the work starts, at the prices and GST rate
    the customer paid for."""
    booking = booking_lock(booking_id)
    # Who confirmed, as recorded when the payment began (orders older than the record name nobody: the customer).
    actor = User.objects.filter(pk=confirmation.get("confirmed_by")).first() or booking.customer
    _selection_apply(booking, confirmation["service_ids"], actor=actor,
                     channel=confirmation.get("channel", DecisionChannel.API))
    return booking_move(booking=booking, to=S.IN_PROGRESS, actor=None, note="Paid online; services confirmed",
                        gst_percent=Decimal(confirmation["gst_percent"]), payment_method=PaymentMethod.ONLINE,
                        confirmed_at=timezone.now())


@dataclass(frozen=True)
class Cancellation:
    booking: Booking
    fee: Decimal
    gst: Decimal
    refund: Decimal

    @property
    def total(self) -> Decimal:
        return self.fee + self.gst


def cancellation_fee(booking: Booking) -> Decimal:
    """Before GST. Free until the car is received; then ₹100; once work has started, the share of the
    confirmed work already done (price × difficulty of done services over the difficulty of all
    confirmed services), never below ₹100."""
    if booking.status in (S.BOOKED, S.PICKUP):
        return Decimal("0.00")
    if booking.status in (S.RECEIVED, S.ANALYSIS, S.ANALYSED):
        return CANCELLATION_MINIMUM
    confirmed = list(booking.services.filter(status=BookedServiceStatus.CONFIRMED).select_related("service"))
    total_difficulty = sum(row.service.difficulty for row in confirmed)
    done_value = sum((money.line_total(row.quoted_price, row.quantity) * row.service.difficulty
                      for row in confirmed if row.is_done), Decimal("0"))
    share = money.rupees(done_value / total_difficulty) if total_difficulty else Decimal("0.00")
    return max(share, CANCELLATION_MINIMUM)


def cancellation_charge(booking: Booking) -> tuple[Decimal, Decimal, Decimal]:
    """(fee, GST on it, GST rate) were the booking cancelled now: what the customer is shown before
    cancelling and what booking_cancel charges."""
    fee = cancellation_fee(booking)
    percent = booking.gst_percent if booking.gst_percent is not None else gst_percent_current()
    return fee, money.gst_on(fee, percent), percent




@transaction.atomic
def booking_cancel(*, booking_id: int, actor: User, reason: str = "") -> Cancellation:
    booking = booking_lock(booking_id)
    if booking.status not in CANCELLABLE:
        raise ConflictError(f"A booking that is {booking.status} can no longer be cancelled.")
    fee, gst, percent = cancellation_charge(booking)
    # The payments app settles the money (a refund of what was paid online, or a fee due in cash).
    answers = booking_cancelling.send(sender=Booking, booking=booking, fee_total=fee + gst)
    refund = sum((refund for _, refund in answers), Decimal("0.00"))
    money_note = f"Fee ₹{fee + gst} including GST" + (f"; ₹{refund} will be refunded" if refund else "")
    booking_move(booking=booking, to=S.CANCELLED, actor=actor, note=f"{reason or 'Cancelled'}. {money_note}.",
                 cancelled_at=timezone.now(), cancellation_fee=fee, cancellation_fee_gst=gst, gst_percent=percent)
    return Cancellation(booking=booking, fee=fee, gst=gst, refund=refund)
