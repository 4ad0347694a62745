"""The booking state machine: the one table of legal moves, and the one function that makes them.

Every status change in RevCare goes through `booking_move`: it locks the booking row, refuses any
move not in MOVES (409, nothing changed), saves the new status, writes the timeline entry with the
acting person, and queues the customer's notification in the same transaction.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from bookings.models import AssignmentKind, Booking, BookingEvent
from bookings.models import BookingStatus as S
from bookings.signals import booking_event_recorded, booking_moved
from notifications.models import NotificationCategory
from notifications.services import notify
from revcare.errors import ConflictError, NotFoundError
from revcare.roles import RoleName

SYSTEM = "system"  # moves made by RevCare itself, e.g. when an online payment is verified


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    by: frozenset[str]  # roles (or SYSTEM) that may make it
    how: str  # the step that makes it, for people reading the table and the errors


def _move(source: str, target: str, by: set[str], how: str) -> Move:
    return Move(source, target, frozenset(by), how)


ADMIN, MECHANIC, CUSTOMER = RoleName.ADMIN, RoleName.MECHANIC, RoleName.CUSTOMER
CANCELLABLE = (S.BOOKED, S.PICKUP, S.RECEIVED, S.ANALYSIS, S.ANALYSED, S.IN_PROGRESS)

MOVES: tuple[Move, ...] = (
    _move(S.BOOKED, S.PICKUP, {ADMIN}, "admin assigns a pickup mechanic (doorstep)"),
    _move(S.BOOKED, S.RECEIVED, {ADMIN}, "admin checks in a car the customer brought (self)"),
    _move(S.PICKUP, S.RECEIVED, {MECHANIC}, "pickup mechanic reports the car received"),
    _move(S.RECEIVED, S.ANALYSIS, {ADMIN}, "admin assigns an analysis mechanic"),
    _move(S.ANALYSIS, S.ANALYSED, {MECHANIC}, "analysis mechanic submits the analysis"),
    _move(S.ANALYSED, S.IN_PROGRESS, {CUSTOMER, ADMIN, SYSTEM},
          "customer confirms services (cod, or online once paid)"),
    _move(S.IN_PROGRESS, S.COMPLETED, {ADMIN, SYSTEM},
          "admin validates progress that leaves every confirmed service done (or the customer declines the last "
          "repriced line)"),
    _move(S.COMPLETED, S.OUT_FOR_DELIVERY, {ADMIN}, "admin assigns a drop mechanic (doorstep)"),
    _move(S.COMPLETED, S.DELIVERED, {ADMIN}, "admin checks out a car the customer collects (self)"),
    _move(S.OUT_FOR_DELIVERY, S.DELIVERED, {MECHANIC}, "drop mechanic reports the car delivered"),
    *(_move(source, S.CANCELLED, {CUSTOMER, ADMIN}, "customer or admin cancels") for source in CANCELLABLE),
)

_BY_PAIR = {(move.source, move.target): move for move in MOVES}


@dataclass(frozen=True)
class KindStatuses:
    assigned: str  # the booking's status once a mechanic of this kind is assigned (service work: already so)
    reported: str  # the status the mechanic's report names and moves the booking to (service work: stays)


# The one map from what a mechanic is sent to do to the booking statuses it involves (doorstep bookings;
# a cancelled car's return drop leaves the status as it is). Analysis reports through its own step.
KIND_STATUSES: dict[AssignmentKind, KindStatuses] = {
    AssignmentKind.PICKUP: KindStatuses(assigned=S.PICKUP, reported=S.RECEIVED),
    AssignmentKind.ANALYSIS: KindStatuses(assigned=S.ANALYSIS, reported=S.ANALYSED),
    AssignmentKind.SERVICE: KindStatuses(assigned=S.IN_PROGRESS, reported=S.IN_PROGRESS),
    AssignmentKind.DROP: KindStatuses(assigned=S.OUT_FOR_DELIVERY, reported=S.DELIVERED),
}
# The kinds whose mechanic reports with a progress entry (and which status that entry names).
PROGRESS_STATUS = {kind: KIND_STATUSES[kind].reported for kind in AssignmentKind if kind != AssignmentKind.ANALYSIS}

# What customers are shown: fewer, plainer steps.
CONDENSED_STATUS = {S.RECEIVED: S.PICKUP, S.ANALYSED: S.ANALYSIS, S.OUT_FOR_DELIVERY: S.COMPLETED}


def condensed_status(status: str) -> str:
    return CONDENSED_STATUS.get(status, status)


def statuses_shown_as(condensed: str) -> list[str]:
    """The real statuses a customer's filter value stands for (pickup → pickup and received)."""
    return [status for status in S.values if condensed_status(status) == condensed]


def move_allowed(source: str, target: str) -> bool:
    return (source, target) in _BY_PAIR


def booking_lock(booking_id: int) -> Booking:
    """The booking row, locked until the caller's transaction ends."""
    booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None:
        raise NotFoundError("No such booking.")
    return booking


def booking_move(*, booking: Booking, to: str, actor: User | None, note: str = "", **fields) -> Booking:
    """Move a booking the caller has locked (booking_lock) to `to`, or refuse with 409.
    `fields` are other booking columns the same step sets (e.g. confirmed_at)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("booking_move must run inside the transaction that locked the booking")
    move = _BY_PAIR.get((booking.status, to))
    if move is None:
        raise ConflictError(f"A booking that is {booking.status} cannot become {to}.")
    role = actor.role_id if actor is not None else SYSTEM
    if role not in move.by:
        raise ConflictError(f"Only {' or '.join(sorted(move.by))} can make a booking {to} ({move.how}).")
    source = booking.status
    booking.status = to
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", "updated_at", *fields])
    booking_event_record(booking=booking, from_status=source, to_status=to, actor=actor, note=note)
    booking_moved.send(sender=Booking, booking=booking, source=source, target=to, actor=actor)
    return booking


def booking_event_record(*, booking: Booking, from_status: str, to_status: str, actor: User | None,
                         note: str = "") -> BookingEvent:
    """A timeline entry, and the customer's notification about it, in the caller's transaction."""
    event = BookingEvent.objects.create(booking=booking, from_status=from_status, to_status=to_status,
                                        actor=actor, note=note[:300])
    booking_event_recorded.send(sender=Booking, booking=booking, event=event)
    shown = condensed_status(to_status)
    category = (NotificationCategory.BOOKING_CONFIRMATION if to_status in (S.BOOKED, S.IN_PROGRESS)
                else NotificationCategory.PROGRESS_UPDATE)
    notify(
        recipient=booking.customer,
        category=category,
        subject=f"Booking #{booking.pk}: {S(shown).label}",
        template="booking_update",
        context={"booking": booking, "status": S(shown).label, "note": note, "event": event},
        booking_id=booking.pk,
    )
    return event


def transition_table_markdown() -> str:
    """The table in docs/booking-lifecycle.md (a test keeps the two the same)."""
    rows = ["| from | to | who | how |", "| --- | --- | --- | --- |"]
    rows += [f"| {m.source} | {m.target} | {', '.join(sorted(m.by))} | {m.how} |" for m in MOVES]
    return "\n".join(rows)
