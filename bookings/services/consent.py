"""Consent: the customer's approval or refusal of every quoted line with its audit trail, and
re-approval when the garage changes a price the customer already approved. (The findings that explain
a quote are the analysing mechanic's: workshop.services.findings.)"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from bookings import money
from bookings.lifecycle import booking_event_record, booking_lock, booking_move
from bookings.models import (
    BookedService,
    BookedServiceStatus,
    Booking,
    BookingStatus,
    DecisionChannel,
    LineDecision,
    PaymentMethod,
)
from bookings.selectors.totals import booked_service_price
from bookings.signals import line_decisions_recorded
from revcare.errors import ConflictError, NotFoundError

S = BookingStatus
PENDING, APPROVED, DECLINED = BookedServiceStatus.BOOKED, BookedServiceStatus.CONFIRMED, BookedServiceStatus.REJECTED


# Consent -----------------------------------------------------------------------------------------


def decisions_record(*, lines: list[BookedService], approved_ids: set[int], actor: User, channel: str) -> None:
    """Set each line approved or declined and keep the decision, with the price seen, for the record."""
    for line in lines:
        line.status = APPROVED if line.service_id in approved_ids else DECLINED
        line.save(update_fields=["status"])
    LineDecision.objects.bulk_create([
        LineDecision(line=line, approved=line.status == APPROVED, unit_price=booked_service_price(line),
                     quantity=line.quantity, channel=channel, actor=actor)
        for line in lines
    ])
    line_decisions_recorded.send(sender=BookedService, lines=lines)


def _line(booking: Booking, service_id: int) -> BookedService:
    line = booking.services.select_related("service").filter(service_id=service_id).first()
    if line is None:
        raise NotFoundError("This booking has no such service.")
    return line


@transaction.atomic
def line_reprice(*, booking_id: int, service_id: int, price: Decimal, admin: User) -> BookedService:
    """The garage changes a quoted price. Once the work has started, a line the customer approved (or
    declined) at the old price waits for their decision at the new one: no work is done on it before."""
    price = money.price_checked(price, field="price")
    booking = booking_lock(booking_id)
    if booking.status not in (S.ANALYSED, S.IN_PROGRESS):
        raise ConflictError(f"Prices change between the analysis and the end of the work, not while the "
                            f"booking is {booking.status}.")
    if booking.status == S.IN_PROGRESS and booking.payment_method == PaymentMethod.ONLINE:
        raise ConflictError("The customer paid online for the agreed prices; refund or charge the difference "
                            "outside RevCare rather than changing them.")
    line = _line(booking, service_id)
    if line.is_done:
        raise ConflictError(f"{line.service.title} is done; its price can no longer change.")
    old, new = line.quoted_price, money.rupees(price)
    if old == new:
        return line
    line.quoted_price = new
    asks_again = booking.status == S.IN_PROGRESS
    if asks_again:
        line.status = PENDING
    line.save(update_fields=["quoted_price", "status"])
    note = f"Price of {line.service.title} changed from ₹{old} to ₹{new}" if old is not None else (
        f"{line.service.title} quoted at ₹{new}")
    if asks_again:
        note += ": please approve or decline it; work on it waits for your answer"
    booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=admin, note=note)
    return line


@transaction.atomic
def line_decide(*, booking_id: int, service_id: int, approve: bool, actor: User, channel: str) -> BookedService:
    """The customer's answer on a line whose price changed after the work started."""
    if channel not in DecisionChannel.values:
        raise ValidationError({"channel": ["Unknown channel."]})
    booking = booking_lock(booking_id)
    if booking.status != S.IN_PROGRESS:
        raise ConflictError("Lines are decided one by one only while the work is in progress; before that, "
                            "confirm the services of the quote together.")
    line = _line(booking, service_id)
    if line.status != PENDING:
        raise ConflictError(f"{line.service.title} is already {'approved' if line.status == APPROVED else 'declined'}"
                            " at its current price.")
    decisions_record(lines=[line], approved_ids={service_id} if approve else set(), actor=actor, channel=channel)
    price = booked_service_price(line)
    if approve:
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=actor,
                             note=f"{line.service.title} approved at ₹{price}")
    elif (not booking.services.filter(status__in=(APPROVED, PENDING), is_done=False).exists()
          and booking.services.filter(status=APPROVED, is_done=True).exists()):
        # Nothing is left to do and the approved work was already checked: the work is complete (and the
        # workshop closes the open service assignment as the booking moves).
        booking_move(booking=booking, to=S.COMPLETED, actor=None,
                     note=f"{line.service.title} declined at ₹{price}; all approved work is done")
    else:
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=actor,
                             note=f"{line.service.title} declined at ₹{price}")
    return line
