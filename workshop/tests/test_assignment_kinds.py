"""Issue 16: the four assignment kinds are fixed in code. Staff relabel them (API, desk, Django admin) but
cannot rename, add or delete a kind, and a new label changes what people read, never what happens."""

import pytest
from django.urls import reverse

from bookings.lifecycle import KIND_STATUSES
from bookings.models import AssignmentKind, BookingStatus
from catalogue.tests.factories import ServiceFactory
from conftest import client_for, signed_in
from frontdesk.demo import booking_drive, booking_new, booking_steps
from garage.tests.factories import AddressFactory, CustomerCarFactory
from workshop.models import AssignmentType

pytestmark = pytest.mark.django_db



def kinds_and_labels() -> list[tuple[str, str]]:
    return list(AssignmentType.objects.order_by("id").values_list("kind", "name"))


SEEDED = [("pickup", "Pickup"), ("analysis", "Analysis"), ("service", "Service"), ("drop", "Drop")]


def test_the_four_kinds_are_seeded_and_the_api_lists_them_with_their_qualifications(customer):
    rows = client_for(customer).get("/mechanics/assignment_type").json()["results"]
    assert [(row["code"], row["needs_pickup_drop"], row["needs_analysis"]) for row in rows] == [
        ("pickup", True, False), ("analysis", False, True), ("service", False, False), ("drop", True, False)]
    assert set(KIND_STATUSES) == set(AssignmentKind)


def test_staff_cannot_rename_add_or_delete_a_kind_through_the_api(admin):
    api = client_for(admin)
    pickup = AssignmentType.objects.get(kind=AssignmentKind.PICKUP)
    for code in ("collect", "drop"):  # a new name, or another kind's
        renamed = api.put(f"/mechanics/assignment_type/{pickup.pk}", {"code": code, "name": "Collect"}, format="json")
        assert renamed.status_code == 422 and [row["field"] for row in renamed.json()["detail"]] == ["code"]
    towing = api.post("/mechanics/assignment_type", {"code": "towing", "name": "Towing"}, format="json")
    assert towing.status_code == 422
    existing = api.post("/mechanics/assignment_type", {"code": "pickup", "name": "Collect"}, format="json")
    assert existing.status_code == 409 and "PUT" in str(existing.json()["detail"])
    deleted = api.delete(f"/mechanics/assignment_type/{pickup.pk}")
    assert deleted.status_code == 409 and "fixed" in str(deleted.json()["detail"])
    assert kinds_and_labels() == SEEDED


def test_the_api_relabels_a_kind_and_keeps_it(admin):
    pickup = AssignmentType.objects.get(kind=AssignmentKind.PICKUP)
    body = {"code": "pickup", "name": "Collection", "description": "We fetch the car"}
    answer = client_for(admin).put(f"/mechanics/assignment_type/{pickup.pk}", body, format="json")
    assert answer.status_code == 200
    assert (answer.json()["code"], answer.json()["name"], answer.json()["description"]) == (
        "pickup", "Collection", "We fetch the car")
    assert kinds_and_labels()[0] == ("pickup", "Collection")


def test_the_desk_relabels_a_kind_but_offers_no_way_to_rename_or_add_one(admin):
    desk = signed_in(admin)
    pickup = AssignmentType.objects.get(kind=AssignmentKind.PICKUP)
    page = desk.get(f"/portal/desk/settings/assignment-types/{pickup.pk}/")
    assert list(page.context["form"].fields) == ["name", "description"]
    desk.post(f"/portal/desk/settings/assignment-types/{pickup.pk}/", {"name": "Collection", "kind": "collect",
                                                                        "code": "collect"})
    assert desk.post("/portal/desk/settings/assignment-types/", {"code": "wash", "name": "Wash"}).status_code == 405
    assert kinds_and_labels() == [("pickup", "Collection"), *SEEDED[1:]]


def test_django_admin_shows_the_kind_read_only_and_cannot_add_or_delete(admin):
    client = signed_in(admin)
    pickup = AssignmentType.objects.get(kind=AssignmentKind.PICKUP)
    url = reverse("admin:workshop_assignmenttype_change", args=[pickup.pk])
    page = client.get(url)
    assert list(page.context["adminform"].form.fields) == ["name", "description"]
    assert list(page.context["adminform"].readonly_fields) == ["kind"]
    assert client.post(url, {"name": "Collection", "description": "", "kind": "collect"}).status_code == 302
    assert client.get(reverse("admin:workshop_assignmenttype_add")).status_code == 403
    delete = reverse("admin:workshop_assignmenttype_delete", args=[pickup.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert kinds_and_labels() == [("pickup", "Collection"), *SEEDED[1:]]


def test_a_new_label_shows_on_the_tablet_and_desk_while_the_pickup_works_as_before(customer, admin, mechanic):
    AssignmentType.objects.filter(kind=AssignmentKind.PICKUP).update(name="Collection")
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(title="Brake Pads", price=1000), 1)],
                          address=AddressFactory(customer=customer))
    booking_drive(booking=booking, to=BookingStatus.PICKUP, admin=admin, mechanic=mechanic)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PICKUP
    job = booking.assignments.get()
    assert f"Collection · booking #{booking.pk}" in signed_in(mechanic).get(
        f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Collection: Ravi Kumar" in signed_in(admin).get(f"/portal/desk/bookings/{booking.pk}/").content.decode()
    booking_steps(booking=booking, steps=["report:received"], admin=admin, mechanic=mechanic)
    booking.refresh_from_db()
    assert booking.status == KIND_STATUSES[AssignmentKind.PICKUP].reported == BookingStatus.RECEIVED
