"""Issue 16: statuses are defined once, as the apps' enums. `/utils/status` holds their labels, one row per
(kind, code) of an enum: staff relabel a status (API, Django admin) but cannot rename, add or delete one,
and a new label changes what people read, never what a booking does."""

import importlib

import pytest
from django.apps import apps as installed_apps
from django.test import Client
from django.urls import reverse

from bookings.models import BOOKING_STATUS_DESCRIPTIONS, BookedServiceStatus, BookingStatus
from bookings.tests.flow import BookingFlow
from conftest import client_for
from garage.models import Status
from notifications.models import NotificationStatus
from payments.models import PaymentStatus, RefundStatus
from revcare.seed import seed_master_data

pytestmark = pytest.mark.django_db

ENUMS = {"booking": BookingStatus, "booked_service": BookedServiceStatus, "payment": PaymentStatus,
         "refund": RefundStatus, "notification": NotificationStatus}


def enum_statuses() -> list[tuple[str, str, int]]:
    return sorted((kind, code, order) for kind, enum in ENUMS.items() for order, code in enumerate(enum.values))


def status_rows() -> list[tuple[str, str, int]]:
    return sorted(Status.objects.values_list("kind", "code", "sort_order"))


def table() -> list[tuple]:
    return list(Status.objects.order_by("pk").values_list("pk", "kind", "code", "name", "description", "sort_order"))


def drift_from_the_enums() -> None:
    """What the old editable table allowed: a status gone, a code no enum has, a relabelled and reordered row."""
    Status.objects.filter(kind="refund", code="failed").delete()
    Status.objects.create(kind="payment", code="partially-paid", name="Partially paid")
    Status.objects.filter(kind="booking", code="booked").update(name="Reserved", sort_order=9)


def assert_back_in_line_with_the_enums(*, new_refund_failed: str) -> None:
    assert status_rows() == enum_statuses()
    booked = Status.objects.get(kind="booking", code="booked")
    assert (booked.name, booked.sort_order) == ("Reserved", 0)  # staff's label kept, the enum's order taken
    refund_failed = Status.objects.get(kind="refund", code="failed")
    assert (refund_failed.name, refund_failed.description) == ("Failed", new_refund_failed)


def test_every_enum_status_has_a_row_after_migrate_in_the_enums_order(customer):
    assert status_rows() == enum_statuses()
    rows = client_for(customer).get("/utils/status?kind=booking&page_size=50").json()["results"]
    assert [row["code"] for row in rows] == BookingStatus.values


def test_the_data_migration_brings_the_table_in_line_with_the_enums():
    migration = importlib.import_module("garage.migrations.0005_status_rows_keyed_by_enums")
    drift_from_the_enums()
    migration.rows_match_enums(installed_apps, None)
    assert_back_in_line_with_the_enums(new_refund_failed="The gateway refused the refund.")


def test_seeding_after_a_flush_brings_the_table_in_line_with_the_enums_and_their_descriptions():
    drift_from_the_enums()
    Status.objects.filter(kind="booking", code="in-progress").delete()
    seed_master_data()
    assert_back_in_line_with_the_enums(new_refund_failed="The gateway refused the refund.")
    in_progress = Status.objects.get(kind="booking", code="in-progress")
    assert (in_progress.name, in_progress.description) == (
        BookingStatus.IN_PROGRESS.label, BOOKING_STATUS_DESCRIPTIONS[BookingStatus.IN_PROGRESS])


def test_staff_cannot_rename_add_or_delete_a_status_through_the_api(admin):
    api = client_for(admin)
    paid = Status.objects.get(kind="payment", code="paid")
    before = table()
    for field, value in (("code", "settled"), ("code", "pending"), ("kind", "refund")):
        renamed = api.put(f"/utils/status/{paid.pk}", {field: value, "name": "Settled"}, format="json")
        assert renamed.status_code == 422 and [row["field"] for row in renamed.json()["detail"]] == [field]
    unknown = api.post("/utils/status", {"kind": "payment", "code": "partially-paid", "name": "Partially paid"},
                       format="json")
    assert unknown.status_code == 422 and [row["field"] for row in unknown.json()["detail"]] == ["code"]
    assert "pending, paid, failed" in unknown.json()["detail"][0]["message"]
    existing = api.post("/utils/status", {"kind": "payment", "code": "paid", "name": "Paid"}, format="json")
    assert existing.status_code == 409
    deleted = api.delete(f"/utils/status/{paid.pk}")
    assert deleted.status_code == 409 and "fixed in code" in deleted.json()["detail"]
    assert table() == before


def test_a_status_missing_its_row_is_created_through_the_api_in_the_enums_place(admin):
    Status.objects.filter(kind="refund", code="processed").delete()
    created = client_for(admin).post("/utils/status", {"kind": "refund", "code": "processed", "name": "Refunded",
                                                       "sort_order": 7}, format="json")
    assert created.status_code == 201
    assert (created.json()["code"], created.json()["name"], created.json()["sort_order"]) == (
        "processed", "Refunded", 1)
    assert status_rows() == enum_statuses()


def test_django_admin_shows_kind_and_code_read_only_and_cannot_add_or_delete(admin):
    client = Client()
    client.force_login(admin)
    paid = Status.objects.get(kind="payment", code="paid")
    url = reverse("admin:garage_status_change", args=[paid.pk])
    page = client.get(url)
    assert list(page.context["adminform"].form.fields) == ["name", "description"]
    assert list(page.context["adminform"].readonly_fields) == ["kind", "code"]
    answer = client.post(url, {"name": "Settled", "description": "", "kind": "refund", "code": "settled"})
    assert answer.status_code == 302
    paid.refresh_from_db()
    assert (paid.kind, paid.code, paid.name) == ("payment", "paid", "Settled")
    assert client.get(reverse("admin:garage_status_add")).status_code == 403
    assert client.post(reverse("admin:garage_status_delete", args=[paid.pk]), {"post": "yes"}).status_code == 403
    assert status_rows() == enum_statuses()


def test_a_new_label_shows_in_the_status_list_while_progress_by_that_status_works_as_before(customer, admin,
                                                                                           mechanic):
    received = Status.objects.get(kind="booking", code="received")
    relabelled = client_for(admin).put(f"/utils/status/{received.pk}",
                                       {"code": "received", "name": "Checked in", "description": "At our bay"},
                                       format="json")
    assert relabelled.status_code == 200
    rows = client_for(customer).get("/utils/status?kind=booking&page_size=50").json()["results"]
    assert {"id": received.pk, "kind": "booking", "code": "received", "name": "Checked in",
            "description": "At our bay", "sort_order": 2} in rows

    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create()
    flow.ok(flow.assign("pickup"), 201)
    flow.ok(flow.report("received"), 201)  # by the relabelled row's status_id, as the contract's sample does
    assert flow.booking.status == BookingStatus.RECEIVED
