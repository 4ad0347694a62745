"""Issue 16: moving the work and aftercare models out of bookings, and the mechanic's profile out of accounts,
drops no table and loses no row. The database is taken back to before the move, a row is written into every
moved table (and the M2M tables: the progress report's services, the profile's categories) through the
historical models, the migrations run forward, and every row is found again through the new apps' models —
on SQLite and on PostgreSQL (CI)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory, UserFactory
from aftercare.models import DeferredItem, DeferredReminder
from catalogue.tests.factories import CategoryFactory, ServiceFactory
from garage.models import Timeslot
from garage.tests.factories import CustomerCarFactory
from revcare.roles import RoleName
from workshop.models import (
    Analysis,
    AnalysisImage,
    Assignment,
    AssignmentType,
    CustodyPhoto,
    CustodyRecord,
    Finding,
    FindingImage,
    MechanicProfile,
    Progress,
    ProgressImage,
)

# Transactional, as migrating needs; serialized like every non-browser transactional test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_SPLIT = [("bookings", "0011_assignment_kind_fixed")]
BEFORE_PROFILE_MOVE = [("accounts", "0004_user_auth_epoch"), ("workshop", "0001_moved_from_bookings")]
MOVED = {"workshop": [AssignmentType, Assignment, Analysis, AnalysisImage, Finding, FindingImage, Progress,
                      ProgressImage, CustodyRecord, CustodyPhoto],
         "aftercare": [DeferredItem, DeferredReminder]}


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader reads the applied state back


def _old_rows(apps) -> dict[str, int]:
    """One row in every table the split moves, written as the code before the split wrote them."""
    model = lambda name: apps.get_model("bookings", name)  # noqa: E731 - a local shorthand
    customer, mechanic, admin = CustomerFactory(), MechanicFactory(), AdminFactory()
    car, service = CustomerCarFactory(customer=customer), ServiceFactory()
    morning, evening = Timeslot.objects.get(name="Morning"), Timeslot.objects.get(name="Evening")
    now, today = timezone.now(), datetime.date.today()
    booking = model("Booking").objects.create(
        customer_id=customer.pk, car_id=car.pk, status="in-progress", pickup_type="doorstep", pickup_date=today,
        pickup_timeslot_id=morning.pk, drop_date=today + datetime.timedelta(days=1), drop_timeslot_id=evening.pk)
    line = model("BookedService").objects.create(booking=booking, service_id=service.pk, estimated_price=900,
                                                 quoted_price=1000, status="rejected")
    kind = model("AssignmentType").objects.get(kind="service")  # the four kinds are seeded rows
    model("AssignmentType").objects.filter(pk=kind.pk).update(name="Servicing", description="Work in the bay")
    assignment = model("Assignment").objects.create(booking=booking, mechanic_id=mechanic.pk, assignment_type=kind,
                                                    assigned_by_id=admin.pk)
    analysis = model("Analysis").objects.create(booking=booking, assignment=assignment, mechanic_id=mechanic.pk,
                                                description="Pads worn", validated_at=now, validated_by_id=admin.pk)
    finding = model("Finding").objects.create(analysis=analysis, severity="urgent", note="Front pads", line=line,
                                              due_km=42000)
    progress = model("Progress").objects.create(booking=booking, assignment=assignment, mechanic_id=mechanic.pk,
                                                status="in-progress", notes="Half done")
    progress.completed_services.add(line)
    record = model("CustodyRecord").objects.create(
        booking=booking, stage="pickup", odometer_km=41000, fuel_level="half", recorded_by_id=mechanic.pk,
        recorded_at=now, code_digest="d" * 64, code_sent_at=now)
    item = model("DeferredItem").objects.create(car_id=car.pk, service_id=service.pk, declined_line=line,
                                                finding=finding, severity="urgent", due_date=today)
    return {
        "booking": booking.pk, "line": line.pk, "kind": kind.pk, "assignment": assignment.pk, "analysis": analysis.pk,
        "analysis_image": model("AnalysisImage").objects.create(analysis=analysis, image="analysis/a.jpg").pk,
        "finding": finding.pk,
        "finding_image": model("FindingImage").objects.create(finding=finding, image="findings/f.jpg").pk,
        "progress": progress.pk,
        "progress_image": model("ProgressImage").objects.create(progress=progress, image="progress/p.jpg").pk,
        "custody": record.pk,
        "custody_photo": model("CustodyPhoto").objects.create(record=record, image="custody/c.jpg").pk,
        "item": item.pk,
        "reminder": model("DeferredReminder").objects.create(item=item, window="overdue", token="t" * 43,
                                                             booking=booking).pk,
    }


def test_the_split_keeps_every_table_and_row():
    # A permission on a moved model, as a garage's staff roles might hold (made here: a flush empties the
    # table, and the content types cached by earlier tests may be gone with it).
    ContentType.objects.clear_cache()
    Permission.objects.get_or_create(content_type=ContentType.objects.get_for_model(AssignmentType),
                                     codename="change_assignmenttype", defaults={"name": "Can change assignment type"})
    before = _migrate(BEFORE_SPLIT)
    try:
        rows = _old_rows(before.loader.project_state(BEFORE_SPLIT).apps)
        # Before the split the moved models' content types (and the permissions on them) are bookings'.
        assignment_type = ContentType.objects.get(app_label="bookings", model="assignmenttype")
        assert not ContentType.objects.filter(app_label__in=MOVED).exists()
        permission = Permission.objects.get(content_type=assignment_type, codename="change_assignmenttype")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    assignment = Assignment.objects.get(pk=rows["assignment"])
    assert (assignment.booking_id, assignment.assignment_type.kind) == (rows["booking"], "service")
    assert (assignment.assignment_type.name, assignment.assignment_type.description) == ("Servicing", "Work in the bay")
    assert AssignmentType.objects.count() == 4
    analysis = Analysis.objects.get(pk=rows["analysis"])
    assert (analysis.booking_id, analysis.assignment_id, analysis.description) == (
        rows["booking"], rows["assignment"], "Pads worn")
    assert analysis.validated_at is not None
    assert AnalysisImage.objects.get(pk=rows["analysis_image"]).analysis_id == rows["analysis"]
    finding = Finding.objects.get(pk=rows["finding"])
    assert (finding.analysis_id, finding.line_id, finding.due_km) == (rows["analysis"], rows["line"], 42000)
    assert FindingImage.objects.get(pk=rows["finding_image"]).finding_id == rows["finding"]
    progress = Progress.objects.get(pk=rows["progress"])
    assert [line.pk for line in progress.completed_services.all()] == [rows["line"]]
    assert ProgressImage.objects.get(pk=rows["progress_image"]).progress_id == rows["progress"]
    record = CustodyRecord.objects.get(pk=rows["custody"])
    assert (record.booking_id, record.odometer_km) == (rows["booking"], 41000)
    assert CustodyPhoto.objects.get(pk=rows["custody_photo"]).record_id == rows["custody"]
    item = DeferredItem.objects.get(pk=rows["item"])
    assert (item.declined_line_id, item.finding_id) == (rows["line"], rows["finding"])
    assert DeferredReminder.objects.get(pk=rows["reminder"]).booking_id == rows["booking"]
    # The tables kept their names; the content type, and the permission on it, followed the model.
    assert {model._meta.db_table for models in MOVED.values() for model in models} <= set(
        connection.introspection.table_names())
    permission.refresh_from_db()
    assert permission.content_type.app_label == "workshop"
    assert ContentType.objects.get_for_model(AssignmentType).pk == assignment_type.pk


def test_the_mechanic_profile_moves_to_workshop_with_its_row_and_categories():
    ContentType.objects.clear_cache()
    Permission.objects.get_or_create(content_type=ContentType.objects.get_for_model(MechanicProfile),
                                     codename="change_mechanicprofile",
                                     defaults={"name": "Can change mechanic profile"})
    before = _migrate(BEFORE_PROFILE_MOVE)
    try:
        old_profile = before.loader.project_state(BEFORE_PROFILE_MOVE).apps.get_model("accounts", "MechanicProfile")
        mechanic = UserFactory(role=RoleName.MECHANIC)  # the person only; the profile is written the old way
        brakes, tyres = CategoryFactory(name="Brakes"), CategoryFactory(name="Tyres")
        # (today's receiver already gave the person an empty profile in the same table: filled in here)
        profile, _ = old_profile.objects.update_or_create(user_id=mechanic.pk, defaults={
            "date_of_birth": datetime.date(1990, 4, 1), "can_pickup_drop": True, "can_analyse": False, "score": 17})
        profile.categories.set([brakes.pk, tyres.pk])
        # Before the move the profile's content type (and the permission on it) is accounts'.
        content_type = ContentType.objects.get(app_label="accounts", model="mechanicprofile")
        assert not ContentType.objects.filter(app_label="workshop", model="mechanicprofile").exists()
        permission = Permission.objects.get(content_type=content_type, codename="change_mechanicprofile")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    moved = MechanicProfile.objects.get(pk=profile.pk)
    assert moved.user_id == mechanic.pk
    assert (moved.date_of_birth, moved.can_pickup_drop, moved.can_analyse, moved.score) == (
        datetime.date(1990, 4, 1), True, False, 17)
    assert sorted(moved.categories.values_list("name", flat=True)) == ["Brakes", "Tyres"]
    # The reverse accessors templates and filters use keep their names.
    mechanic.refresh_from_db()
    assert mechanic.mechanic_profile == moved and list(brakes.mechanics.all()) == [moved]
    # The tables kept their names; the content type, and the permission on it, followed the model.
    assert {"accounts_mechanicprofile", "accounts_mechanicprofile_categories"} <= set(
        connection.introspection.table_names())
    permission.refresh_from_db()
    assert permission.content_type.app_label == "workshop"
    assert ContentType.objects.get_for_model(MechanicProfile).pk == content_type.pk
