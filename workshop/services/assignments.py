"""Sending mechanics: the kinds of assignment (master data), assigning one to a booking, and the
booking's current assignment, which the mechanic reports on and which closes when the work is checked."""

from django.db import transaction
from django.utils import timezone

from accounts.models import RoleName, User
from bookings.lifecycle import booking_event_record, booking_lock, booking_move
from bookings.models import Booking, BookingStatus, PickupType
from revcare.db import assign_fields, delete_unless_referenced, save_unique
from revcare.errors import ApplicationError, ConflictError
from workshop.models import Assignment, AssignmentType

S = BookingStatus


# Assignment types (master data) -----------------------------------------------------------------


@transaction.atomic
def assignment_type_create(**fields) -> AssignmentType:
    return save_unique(AssignmentType(**fields), what="assignment type", field="code")


@transaction.atomic
def assignment_type_update(*, assignment_type: AssignmentType, **fields) -> AssignmentType:
    return save_unique(assign_fields(assignment_type, fields), what="assignment type", field="code")


def assignment_type_delete(*, assignment_type: AssignmentType) -> None:
    delete_unless_referenced(assignment_type, what="assignment type")


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
    code, doorstep = assignment_type.code, booking.pickup_type == PickupType.DOORSTEP
    assignment = Assignment.objects.create(booking=booking, mechanic=mechanic, assignment_type=assignment_type,
                                           assigned_by=assigned_by)
    note = f"{assignment_type.name} assigned to {mechanic.get_full_name()}"
    if code == "pickup":
        if not doorstep:
            raise ConflictError("The customer brings this car in; check it in instead of assigning a pickup.")
        booking_move(booking=booking, to=S.PICKUP, actor=assigned_by, note=note)
    elif code == "analysis":
        booking_move(booking=booking, to=S.ANALYSIS, actor=assigned_by, note=note)
    elif code == "drop" and booking.status == S.CANCELLED:
        if booking.received_at is None or booking.returned_at is not None:
            raise ConflictError("Only a cancelled booking whose car is still at the garage needs a drop.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=f"{note} to return the car")
    elif code == "drop":
        if not doorstep:
            raise ConflictError("The customer collects this car; check it out instead of assigning a drop.")
        booking_move(booking=booking, to=S.OUT_FOR_DELIVERY, actor=assigned_by, note=note)
    else:
        # Service work, or a garage-defined type: the booking's status stays as it is.
        if booking.status != S.IN_PROGRESS:
            raise ConflictError(f"{assignment_type.name} work is assigned while a booking is in progress, "
                                f"not while it is {booking.status}.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=note)
    return assignment


def current_assignment(booking: Booking, mechanic: User, code: str | None = None) -> Assignment:
    """The booking's latest assignment, if it is this mechanic's and still open."""
    assignment = _latest(booking.assignments.select_related("assignment_type"))
    if assignment is None or assignment.mechanic_id != mechanic.pk or assignment.closed_at is not None:
        raise ConflictError("Only the mechanic of the booking's current assignment can report on it.")
    if code is not None and assignment.assignment_type.code != code:
        raise ConflictError(f"Your current assignment is {assignment.assignment_type.name.lower()}, not {code}.")
    return assignment


def assignment_close(assignment: Assignment) -> None:
    Assignment.objects.filter(pk=assignment.pk, closed_at__isnull=True).update(closed_at=timezone.now())
