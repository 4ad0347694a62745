"""Issue 16: assignment types become the four fixed kinds (bookings 0010) without losing what staff had:
a kind whose code was renamed is found again by its name or seeded id, an extra type nothing used is
dropped, and one with assignments stops the migration with a message instead of guessing at history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from garage.models import Timeslot
from garage.tests.factories import CustomerCarFactory
from workshop.models import Assignment, AssignmentKind, AssignmentType

# Transactional, as migrating needs; serialized like every non-browser transactional test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_KINDS = [("bookings", "0009_booking_address_snapshots")]


def _migrate(targets) -> MigrationExecutor:
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader reads the applied state back


def _forward() -> None:
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _assign(apps, type_row) -> int:
    model = lambda name: apps.get_model("bookings", name)  # noqa: E731 - a local shorthand
    customer = CustomerFactory()
    slot = Timeslot.objects.get(name="Morning")
    booking = model("Booking").objects.create(
        customer_id=customer.pk, car_id=CustomerCarFactory(customer=customer).pk, status="pickup",
        pickup_type="doorstep", pickup_date="2026-12-10", pickup_timeslot_id=slot.pk, drop_date="2026-12-11",
        drop_timeslot_id=slot.pk)
    return model("Assignment").objects.create(booking=booking, mechanic_id=MechanicFactory().pk,
                                              assignment_type=type_row, assigned_by_id=AdminFactory().pk).pk


def test_renamed_codes_are_mapped_back_to_their_kinds_and_unused_extras_dropped():
    apps = _migrate(BEFORE_KINDS).loader.project_state(BEFORE_KINDS).apps
    try:
        types = apps.get_model("bookings", "AssignmentType")
        # The qualification flags as the old rows had them (the seed of today's model leaves them unset).
        pickup = types.objects.get(code="pickup")
        types.objects.filter(pk=pickup.pk).update(code="collect", name="Pickup",  # found again by its name
                                                  needs_pickup_drop=True)
        analysis = types.objects.get(code="analysis")
        types.objects.filter(pk=analysis.pk).update(code="inspect", name="Inspection",  # by its seeded id
                                                    needs_analysis=True)
        assignment = _assign(apps, types.objects.get(pk=pickup.pk))
        types.objects.create(code="towing", name="Towing", needs_pickup_drop=True)  # never used
    finally:
        _forward()

    assert sorted(AssignmentType.objects.values_list("kind", flat=True)) == sorted(AssignmentKind.values)
    kept = AssignmentType.objects.get(kind=AssignmentKind.PICKUP)
    assert kept.pk == pickup.pk and Assignment.objects.get(pk=assignment).assignment_type_id == pickup.pk
    relabelled = AssignmentType.objects.get(kind=AssignmentKind.ANALYSIS)
    assert (relabelled.pk, relabelled.name) == (analysis.pk, "Inspection")


def test_an_extra_type_with_assignments_stops_the_migration_and_names_it():
    apps = _migrate(BEFORE_KINDS).loader.project_state(BEFORE_KINDS).apps
    try:
        types = apps.get_model("bookings", "AssignmentType")
        valet = types.objects.create(code="valet", name="Valet parking")
        _assign(apps, valet)
        with pytest.raises(RuntimeError, match=r"'valet' \(Valet parking, id \d+\) have assignments"):
            _migrate([("bookings", "0010_assignment_kinds")])
        types.objects.filter(code="service").delete()  # what the message asks staff to do: this one is it
        types.objects.filter(pk=valet.pk).update(code="service")
    finally:
        _forward()
    assert AssignmentType.objects.get(kind=AssignmentKind.SERVICE).pk == valet.pk
