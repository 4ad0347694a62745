"""The work on a booking: the analysing mechanic's findings and quote, progress reports, and the
admin's edits and validations of both."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bookings import money
from bookings.lifecycle import KIND_STATUSES, PROGRESS_STATUS, booking_event_record, booking_lock, booking_move
from bookings.models import AssignmentKind, BookedService, BookedServiceStatus, Booking, BookingStatus
from bookings.signals import car_returning
from catalogue.services import price_for_class
from garage.selectors import garage_settings_get
from revcare.db import assign_fields
from revcare.errors import ConflictError, NotFoundError
from workshop.models import HANDOVER_STAGE, Analysis, AnalysisImage, CustodyRecord, Progress, ProgressImage
from workshop.photos import report_photos
from workshop.services.assignments import assignment_close, current_assignment
from workshop.services.mechanics import mechanic_score_add

S = BookingStatus

# Score for validated work (domain rules): analysis +3, service work +difficulty of what was done,
# any other phase +2.
ANALYSIS_POINTS = 3
OTHER_PHASE_POINTS = 2


# Analysis ---------------------------------------------------------------------------------------


def _apply_quotes(booking: Booking, quotes: list[dict], *, require_all: bool) -> None:
    """Set quoted prices: [{"service": Service, "price": Decimal}] for services in the booking."""
    booked = {row.service_id: row for row in booking.services.all()}
    unknown = [row["service"].title for row in quotes if row["service"].pk not in booked]
    if unknown:
        raise ValidationError({"quotes": [f"Not in this booking: {', '.join(unknown)}."]})
    quoted = {row["service"].pk for row in quotes}
    missing = [row.service.title for row in booked.values() if not row.is_recommended and row.service_id not in quoted]
    if require_all and missing:
        raise ValidationError({"quotes": [f"Quote a price for every booked service; missing: {', '.join(missing)}."]})
    prices = [money.price_checked(row["price"], field="quotes") for row in quotes]
    for row, price in zip(quotes, prices, strict=True):
        booked_service = booked[row["service"].pk]
        booked_service.quoted_price = money.rupees(price)
        booked_service.save(update_fields=["quoted_price"])


@transaction.atomic
def analysis_submit(*, booking_id: int, mechanic: User, description: str, quotes: list[dict],
                    recommendation: str = "", recommended: list[dict] = (), images: list = ()) -> Analysis:
    """The analysing mechanic's findings, a quoted price for every booked service, and extra services
    they recommend ([{"service", "quantity", "price"}])."""
    booking = booking_lock(booking_id)
    assignment = current_assignment(booking, mechanic, AssignmentKind.ANALYSIS)
    if Analysis.objects.filter(booking=booking).exists():
        raise ConflictError("This booking's analysis is already submitted; an admin can edit it.")
    images = report_photos(list(images), "images")
    booked_ids = set(booking.services.values_list("service_id", flat=True))
    for row in recommended:
        if row["service"].pk in booked_ids:
            raise ValidationError({"recommended": [f"{row['service'].title} is already in the booking."]})
        if not row["service"].is_active:
            raise ValidationError({"recommended": [f"{row['service'].title} is no longer offered."]})
    # The quotes first: a refusal must come before the photos are written to storage, which a rollback
    # does not undo.
    _apply_quotes(booking, quotes, require_all=True)
    analysis = Analysis.objects.create(booking=booking, assignment=assignment, mechanic=mechanic,
                                       description=description, recommendation=recommendation)
    AnalysisImage.objects.bulk_create([AnalysisImage(analysis=analysis, image=image) for image in images])
    car_class = booking.car.car_model.car_class
    BookedService.objects.bulk_create([
        BookedService(booking=booking, service=row["service"], quantity=row.get("quantity", 1),
                      estimated_price=price_for_class(service=row["service"], car_class=car_class),
                      quoted_price=money.rupees(row["price"]), is_recommended=True)
        for row in recommended
    ])
    booking_move(booking=booking, to=S.ANALYSED, actor=mechanic, note="Analysis submitted")
    return analysis


def _analysis_for_update(booking_id: int) -> tuple[Booking, Analysis]:
    booking = booking_lock(booking_id)
    analysis = Analysis.objects.filter(booking=booking).first()
    if analysis is None:
        raise NotFoundError("This booking has no analysis yet.")
    if analysis.validated_at is not None:
        raise ConflictError("A validated analysis can no longer be changed.")
    return booking, analysis


@transaction.atomic
def analysis_edit(*, booking_id: int, admin: User, quotes: list[dict] = (), **fields) -> Analysis:
    booking, analysis = _analysis_for_update(booking_id)
    assign_fields(analysis, fields)
    analysis.edited_by, analysis.edited_at = admin, timezone.now()
    analysis.save()
    _apply_quotes(booking, list(quotes), require_all=False)
    return analysis


@transaction.atomic
def analysis_validate(*, booking_id: int, admin: User) -> Analysis:
    """Approve the quote: it is frozen, the analyst earns their points, the customer is asked to confirm."""
    booking, analysis = _analysis_for_update(booking_id)
    if booking.status != S.ANALYSED:
        raise ConflictError(f"A booking that is {booking.status} has no quote to approve.")
    Analysis.objects.filter(pk=analysis.pk, validated_at__isnull=True).update(validated_at=timezone.now(),
                                                                             validated_by=admin)
    assignment_close(analysis.assignment)
    mechanic_score_add(mechanic=analysis.mechanic, points=ANALYSIS_POINTS)
    booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=admin,
                         note="Quote ready: please review and confirm the services")
    analysis.refresh_from_db()
    return analysis


# Progress ---------------------------------------------------------------------------------------

def _completed_services(booking: Booking, service_ids: list[int]) -> list[BookedService]:
    waiting = [row.service.title for row in booking.services.filter(service_id__in=service_ids,
                                                                   status=BookedServiceStatus.BOOKED)]
    if waiting and booking.status == S.IN_PROGRESS:
        raise ValidationError({"completed_service_ids": [
            f"{', '.join(waiting)}: the price changed, and work waits for the customer's approval."]})
    rows = list(booking.services.filter(service_id__in=service_ids, status=BookedServiceStatus.CONFIRMED))
    if len(rows) != len(set(service_ids)):
        raise ValidationError({"completed_service_ids": ["Only services the customer confirmed can be completed."]})
    already = [row.service.title for row in rows if row.is_done]
    if already:
        raise ValidationError({"completed_service_ids": [f"Already done: {', '.join(already)}."]})
    return rows


@transaction.atomic
def progress_post(*, booking_id: int, mechanic: User, status: str, notes: str = "",
                  completed_service_ids: list[int] = (), images: list = ()) -> Progress:
    booking = booking_lock(booking_id)
    assignment = current_assignment(booking, mechanic)
    previous = booking.progress_entries.filter(mechanic=mechanic).order_by("-id").first()
    if previous is not None and previous.validated_at is None:
        raise ConflictError("Your previous progress entry awaits validation by an admin.")
    kind = assignment.assignment_type.kind
    expected = PROGRESS_STATUS.get(kind)
    if expected is None:
        raise ConflictError(f"{assignment.assignment_type.name} assignments report no progress.")
    if status != expected:
        raise ConflictError(f"A {kind} assignment reports '{expected}', not '{status}'.")
    images = report_photos(list(images), "images")
    completed = _completed_services(booking, list(completed_service_ids)) if kind == AssignmentKind.SERVICE else []
    if kind == AssignmentKind.SERVICE and not completed and not notes:
        raise ValidationError({"completed_service_ids": ["Report the services completed, or add a note."]})
    if kind == AssignmentKind.DROP:
        car_returning.send(sender=Booking, booking=booking)  # payments refuses while money is due
    if kind in HANDOVER_STAGE and garage_settings_get().handover_code_required:
        _handover_confirmed_or_refuse(booking, HANDOVER_STAGE[kind])
    progress = Progress.objects.create(booking=booking, assignment=assignment, mechanic=mechanic, status=status,
                                       notes=notes)
    progress.completed_services.set(completed)
    ProgressImage.objects.bulk_create([ProgressImage(progress=progress, image=image) for image in images])
    if kind == AssignmentKind.PICKUP:
        booking_move(booking=booking, to=KIND_STATUSES[kind].reported, actor=mechanic, note=notes or "Car received",
                     received_at=timezone.now())
    elif kind == AssignmentKind.DROP and booking.status == S.CANCELLED:
        booking.returned_at = timezone.now()
        booking.save(update_fields=["returned_at", "updated_at"])
        booking_event_record(booking=booking, from_status=S.CANCELLED, to_status=S.CANCELLED, actor=mechanic,
                             note=notes or "Car returned to the customer")
    elif kind == AssignmentKind.DROP:
        booking_move(booking=booking, to=KIND_STATUSES[kind].reported, actor=mechanic, note=notes or "Car delivered")
    else:
        done = ", ".join(row.service.title for row in completed)
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=mechanic,
                             note=f"Done: {done}" if done else notes)
    return progress


def _handover_confirmed_or_refuse(booking: Booking, stage: str) -> None:
    """The garage asks for the customer's code: the report waits for it, and the refusal names the next call."""
    record = CustodyRecord.objects.filter(booking=booking, stage=stage).first()
    if record is not None and record.handed_over_at is not None:
        return
    if record is not None and record.code_digest:
        raise ConflictError("Enter the customer's code first: this garage asks for it at the handover "
                            "(API: POST /bookings/mechanic/custody/confirm with booking_id and code).")
    raise ConflictError("Record the handover (odometer, fuel, photos) and enter the customer's code first: this "
                        "garage asks for it (API: POST /bookings/mechanic/custody to record it and email the code, "
                        "then POST /bookings/mechanic/custody/confirm).")


def _progress_for_update(progress_id: int) -> tuple[Booking, Progress]:
    booking_id = Progress.objects.filter(pk=progress_id).values_list("booking_id", flat=True).first()
    if booking_id is None:
        raise NotFoundError("No such progress entry.")
    booking = booking_lock(booking_id)
    progress = Progress.objects.select_related("assignment__assignment_type", "mechanic").get(pk=progress_id)
    if progress.validated_at is not None:
        raise ConflictError("This progress entry is already validated and can no longer change.")
    return booking, progress


@transaction.atomic
def progress_edit(*, progress_id: int, admin: User, notes: str | None = None,
                  completed_service_ids: list[int] | None = None) -> Progress:
    booking, progress = _progress_for_update(progress_id)
    if notes is not None:
        progress.notes = notes
    progress.edited_by, progress.edited_at = admin, timezone.now()
    progress.save()
    if completed_service_ids is not None and progress.assignment.assignment_type.kind == AssignmentKind.SERVICE:
        progress.completed_services.set(_completed_services(booking, completed_service_ids))
    return progress


@transaction.atomic
def progress_validate(*, progress_id: int, admin: User) -> Progress:
    """Accept a progress entry, once: the services it reports are marked done, the mechanic earns their
    points, and the phase (or, when every confirmed service is done, the work) is closed."""
    booking, progress = _progress_for_update(progress_id)
    claimed = Progress.objects.filter(pk=progress.pk, validated_at__isnull=True).update(
        validated_at=timezone.now(), validated_by=admin)
    if claimed != 1:
        raise ConflictError("This progress entry is already validated.")
    if progress.assignment.assignment_type.kind == AssignmentKind.SERVICE:
        completed = list(progress.completed_services.select_related("service"))
        BookedService.objects.filter(pk__in=[row.pk for row in completed]).update(is_done=True)
        mechanic_score_add(mechanic=progress.mechanic, points=sum(row.service.difficulty for row in completed))
        # A line repriced after approval (booked again) keeps the work open until the customer answers.
        remaining = booking.services.filter(status__in=(BookedServiceStatus.CONFIRMED, BookedServiceStatus.BOOKED),
                                            is_done=False).exists()
        done = ", ".join(row.service.title for row in completed)
        if not remaining:
            assignment_close(progress.assignment)
            booking_move(booking=booking, to=S.COMPLETED, actor=admin, note="All confirmed work is done")
        elif done:
            booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=admin,
                                 note=f"Checked by the garage: {done} done")
    else:
        mechanic_score_add(mechanic=progress.mechanic, points=OTHER_PHASE_POINTS)
        assignment_close(progress.assignment)
    progress.refresh_from_db()
    return progress
