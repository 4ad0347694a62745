"""The transition table: every legal move works for the roles it names; everything else is a 409
that changes nothing."""

import itertools
from pathlib import Path

import pytest
from django.db import transaction

from bookings.lifecycle import MOVES, SYSTEM, booking_lock, booking_move, move_allowed, transition_table_markdown
from bookings.models import Booking, BookingEvent, BookingStatus
from bookings.tests.factories import BookingFactory
from notifications.models import Notification
from revcare.errors import ConflictError

pytestmark = pytest.mark.django_db

STATUSES = BookingStatus.values


def actor_for(role, people):
    return None if role == SYSTEM else people[role]


@pytest.fixture
def people(customer, mechanic, admin):
    return {"customer": customer, "mechanic": mechanic, "admin": admin}


def move(booking: Booking, to: str, actor):
    with transaction.atomic():
        return booking_move(booking=booking_lock(booking.pk), to=to, actor=actor, note="test")


@pytest.mark.parametrize("legal", MOVES, ids=[f"{m.source}->{m.target}" for m in MOVES])
def test_every_legal_move_applies_and_is_recorded(people, legal):
    for role in sorted(legal.by):
        booking = BookingFactory(customer=people["customer"], status=legal.source)
        actor = actor_for(role, people)

        move(booking, legal.target, actor)

        booking.refresh_from_db()
        assert booking.status == legal.target
        event = BookingEvent.objects.get(booking=booking)
        assert (event.from_status, event.to_status, event.actor) == (legal.source, legal.target, actor)
        assert Notification.objects.filter(booking_id=booking.pk, recipient=people["customer"]).count() == 1


ILLEGAL = [(source, target) for source, target in itertools.product(STATUSES, STATUSES)
           if not move_allowed(source, target)]


@pytest.mark.parametrize("source, target", ILLEGAL, ids=[f"{s}->{t}" for s, t in ILLEGAL])
def test_every_illegal_move_is_409_and_changes_nothing(people, source, target):
    booking = BookingFactory(customer=people["customer"], status=source)
    with pytest.raises(ConflictError) as refused:
        move(booking, target, people["admin"])
    assert refused.value.status == 409
    booking.refresh_from_db()
    assert booking.status == source
    assert not BookingEvent.objects.filter(booking=booking).exists()
    assert not Notification.objects.filter(booking_id=booking.pk).exists()


WRONG_ROLE = [(m, role) for m in MOVES for role in ("customer", "mechanic", "admin", SYSTEM) if role not in m.by]


@pytest.mark.parametrize("legal, role", WRONG_ROLE, ids=[f"{m.source}->{m.target} by {r}" for m, r in WRONG_ROLE])
def test_a_legal_move_by_the_wrong_role_is_409(people, legal, role):
    booking = BookingFactory(customer=people["customer"], status=legal.source)
    with pytest.raises(ConflictError):
        move(booking, legal.target, actor_for(role, people))
    booking.refresh_from_db()
    assert booking.status == legal.source


def test_every_status_is_reachable_and_the_table_has_no_dead_ends():
    targets = {m.target for m in MOVES}
    assert set(STATUSES) - targets == {"booked"}  # the start
    sources = {m.source for m in MOVES}
    assert set(STATUSES) - sources == {"delivered", "cancelled"}  # the ends


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a plain test already runs inside a transaction
def test_booking_move_refuses_to_run_outside_a_transaction(people):
    booking = BookingFactory(customer=people["customer"])
    with pytest.raises(RuntimeError):
        booking_move(booking=booking, to="cancelled", actor=people["admin"])


def test_docs_show_the_transition_table_as_coded():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "booking-lifecycle.md").read_text()
    assert transition_table_markdown() in doc
