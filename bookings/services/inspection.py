"""Inspection evidence and consent: the analysing mechanic's findings (severity, note, photos, and the
quoted line that fixes each), the customer's approval or refusal of every line with its audit trail,
and re-approval when the garage changes a price the customer already approved."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import RoleName, User
from bookings import money
from bookings.lifecycle import booking_event_record, booking_lock, booking_move
from bookings.models import (
    Analysis,
    AssignmentKind,
    BookedService,
    BookedServiceStatus,
    Booking,
    BookingStatus,
    DecisionChannel,
    Finding,
    FindingImage,
    LineDecision,
    PaymentMethod,
)
from bookings.selectors import booked_service_price
from bookings.services.creation import assignment_close
from bookings.services.deferred import deferred_from_decisions
from bookings.services.work import photos
from catalogue.models import Service
from catalogue.services import price_for_class
from revcare.errors import ConflictError, NotFoundError

S = BookingStatus
PENDING, APPROVED, DECLINED = BookedServiceStatus.BOOKED, BookedServiceStatus.CONFIRMED, BookedServiceStatus.REJECTED


# Findings ----------------------------------------------------------------------------------------


def _open_analysis(booking: Booking, actor: User) -> Analysis:
    analysis = Analysis.objects.filter(booking=booking).first()
    if analysis is None or (actor.role_id == RoleName.MECHANIC and analysis.mechanic_id != actor.pk):
        if actor.role_id == RoleName.MECHANIC:
            raise NotFoundError("You have no submitted analysis on this booking.")
        raise ConflictError("Findings are added to a submitted analysis; this booking has none yet.")
    if analysis.validated_at is not None:
        raise ConflictError("The garage has approved this analysis; its findings can no longer change.")
    return analysis


def _fixing_line(booking: Booking, service: Service, price: Decimal | None, quantity: int) -> BookedService:
    """The booking's line for the service that fixes a finding: quoted at `price` when one is given, and
    added as a recommended extra when the booking does not have it yet."""
    line = booking.services.filter(service=service).first()
    if line is None:
        if price is None:
            raise ValidationError({"price": [f"Quote a price for {service.title}, which is not in the booking yet."]})
        if not service.is_active:
            raise ValidationError({"service_id": [f"{service.title} is no longer offered."]})
        return BookedService.objects.create(
            booking=booking, service=service, quantity=quantity, is_recommended=True, quoted_price=money.rupees(price),
            estimated_price=price_for_class(service=service, car_class=booking.car.car_model.car_class))
    if price is not None:
        line.quoted_price = money.rupees(price)
        line.save(update_fields=["quoted_price"])
    return line


@transaction.atomic
def finding_add(*, booking_id: int, actor: User, severity: str, note: str, service: Service | None = None,
                price: Decimal | None = None, quantity: int = 1, due_km: int | None = None,
                images: list = ()) -> Finding:
    """A finding on the car, added by its analysing mechanic (or an admin) until the analysis is approved."""
    booking = booking_lock(booking_id)
    analysis = _open_analysis(booking, actor)
    images = photos(list(images), "images")
    line = _fixing_line(booking, service, price, quantity) if service is not None else None
    finding = Finding.objects.create(analysis=analysis, severity=severity, note=note, line=line, due_km=due_km)
    FindingImage.objects.bulk_create([FindingImage(finding=finding, image=image) for image in images])
    return finding


@transaction.atomic
def finding_delete(*, finding_id: int, actor: User) -> None:
    finding = Finding.objects.select_related("analysis").filter(pk=finding_id).first()
    if finding is None:
        raise NotFoundError("No such finding.")
    booking_lock(finding.analysis.booking_id)
    _open_analysis(finding.analysis.booking, actor)
    finding.delete()


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
    deferred_from_decisions(lines)


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
        # Nothing is left to do and the approved work was already checked: the work is complete.
        open_work = booking.assignments.filter(closed_at__isnull=True, assignment_type__kind=AssignmentKind.SERVICE)
        for assignment in open_work:
            assignment_close(assignment)
        booking_move(booking=booking, to=S.COMPLETED, actor=None,
                     note=f"{line.service.title} declined at ₹{price}; all approved work is done")
    else:
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=actor,
                             note=f"{line.service.title} declined at ₹{price}")
    return line
