"""Sending mechanics: the kinds of assignment (master data), assigning one to a booking, and the
booking's current assignment, which the mechanic reports on and which closes when the work is checked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bookings.lifecycle import KIND_STATUSES, booking_event_record, booking_lock, booking_move
from bookings.models import AssignmentKind, Booking, BookingStatus, PickupType
from revcare.db import assign_fields, save_unique
from revcare.errors import ApplicationError, ConflictError
from revcare.roles import RoleName
from workshop.models import Assignment, AssignmentType

S = BookingStatus


# Assignment types (master data) -----------------------------------------------------------------


FIXED_KINDS = "The four assignment kinds (pickup, analysis, service, drop) are fixed; only their labels change."


def assignment_type_create(*, kind: str, **fields) -> AssignmentType:
    """The four kinds always exist (seeded, never deleted), so there is nothing to create: a known kind
    answers 409 pointing at the label edit, anything else 400."""
    if kind not in AssignmentKind.values:
        raise ValidationError({"code": [FIXED_KINDS]})
    raise ConflictError(f"The {kind} kind already exists; change its label with PUT.")


@transaction.atomic
def assignment_type_update(*, assignment_type: AssignmentType, kind: str | None = None, **fields) -> AssignmentType:
    """Relabel a kind (name, description); the kind itself cannot change."""
    if kind is not None and kind != assignment_type.kind:
        raise ValidationError({"code": [FIXED_KINDS]})
    return save_unique(assign_fields(assignment_type, fields), what="assignment type")


def assignment_type_delete(*, assignment_type: AssignmentType) -> None:
    raise ConflictError(FIXED_KINDS)


# Assignments -------------------------------------------------------------------------------------


def _latest(queryset):
    return queryset.order_by("-id").first()


def _check_no_pending_work(booking: Booking) -> None:
    latest_progress = _latest(booking.progress_entries.all())
    if latest_progress is not None and latest_progress.validated_at is None:
        raise ConflictError("The latest progress entry awaits validation; validate it before assigning.")
    latest_assignment = _latest(booking.assignments.select_related("mechanic", "assignment_type"))
    if latest_assignment is not None and latest_assignment.closed_at is None:
        raise ConflictError(f"{latest_assignment.mechanic.get_full_name()}'s "
                            f"{latest_assignment.assignment_type.name.lower()} assignment is still open.")


def mechanic_qualification_problem(*, mechanic: User, assignment_type: AssignmentType) -> str | None:
    if mechanic.role_id != RoleName.MECHANIC or not mechanic.is_active:
        return "Choose an active mechanic."
    profile = mechanic.mechanic_profile
    if assignment_type.needs_pickup_drop and not profile.can_pickup_drop:
        return f"{mechanic.get_full_name()} is not qualified for pickup and drop."
    if assignment_type.needs_analysis and not profile.can_analyse:
        return f"{mechanic.get_full_name()} is not qualified to analyse."
    return None


@transaction.atomic
def booking_assign(*, booking_id: int, mechanic: User, assignment_type: AssignmentType,
                   assigned_by: User) -> Assignment:
    booking = booking_lock(booking_id)
    problem = mechanic_qualification_problem(mechanic=mechanic, assignment_type=assignment_type)
    if problem:
        raise ApplicationError(problem)
    _check_no_pending_work(booking)
    kind, doorstep = assignment_type.kind, booking.pickup_type == PickupType.DOORSTEP
    assignment = Assignment.objects.create(booking=booking, mechanic=mechanic, assignment_type=assignment_type,
                                           assigned_by=assigned_by)
    note = f"{assignment_type.name} assigned to {mechanic.get_full_name()}"
    target = KIND_STATUSES[kind].assigned
    if kind == AssignmentKind.PICKUP and not doorstep:
        raise ConflictError("The customer brings this car in; check it in instead of assigning a pickup.")
    if kind == AssignmentKind.DROP and booking.status == S.CANCELLED:
        if booking.received_at is None or booking.returned_at is not None:
            raise ConflictError("Only a cancelled booking whose car is still at the garage needs a drop.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=f"{note} to return the car")
    elif kind == AssignmentKind.DROP and not doorstep:
        raise ConflictError("The customer collects this car; check it out instead of assigning a drop.")
    elif kind == AssignmentKind.SERVICE:
        # Service work joins a booking already in progress: its status stays as it is.
        if booking.status != target:
            raise ConflictError(f"{assignment_type.name} work is assigned while a booking is in progress, "
                                f"not while it is {booking.status}.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=note)
    else:
        booking_move(booking=booking, to=target, actor=assigned_by, note=note)
    return assignment


def current_assignment(booking: Booking, mechanic: User, kind: AssignmentKind | None = None) -> Assignment:
    """The booking's latest assignment, if it is this mechanic's and still open."""
    assignment = _latest(booking.assignments.select_related("assignment_type"))
    if assignment is None or assignment.mechanic_id != mechanic.pk or assignment.closed_at is not None:
        raise ConflictError("Only the mechanic of the booking's current assignment can report on it.")
    if kind is not None and assignment.assignment_type.kind != kind:
        raise ConflictError(f"Your current assignment is {assignment.assignment_type.name.lower()}, not {kind}.")
    return assignment


def assignment_close(assignment: Assignment) -> None:
    Assignment.objects.filter(pk=assignment.pk, closed_at__isnull=True).update(closed_at=timezone.now())
