"""Mechanics over the people API (/mechanics/): invited with qualifications, their card, their updates."""

import pytest

from catalogue.tests.factories import CategoryFactory
from conftest import client_for
from workshop.models import MechanicProfile
from workshop.services.mechanics import mechanic_create

pytestmark = pytest.mark.django_db


def test_a_mechanic_gets_a_profile_with_qualifications():
    mechanic = mechanic_create(phone="9000000201", email="m@example.com", can_pickup_drop=True, can_analyse=False)
    profile = MechanicProfile.objects.get(user=mechanic)
    assert (profile.can_pickup_drop, profile.can_analyse, profile.score) == (True, False, 0)


def test_removing_a_mechanic_deactivates_them_and_ends_their_sessions(admin, mechanic):
    mechanic_client = client_for(mechanic)
    assert client_for(admin).delete(f"/mechanics/{mechanic.public_id}").status_code == 204
    mechanic.refresh_from_db()
    assert not mechanic.is_active
    assert mechanic_client.post("/auth/logout").status_code == 401


def test_admin_creates_a_mechanic_with_qualifications_and_categories(admin):
    category = CategoryFactory(name="Brakes")
    response = client_for(admin).post("/mechanics/", {
        "first_name": "Kiran", "email": "kiran@revcare.in", "phone": "9000000098", "can_pickup_drop": True,
        "can_analyse": False, "category_ids": [category.pk], "date_of_birth": "1990-04-01"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["can_pickup_drop"], body["can_analyse"], body["score"]) == (True, False, 0)
    assert body["categories"] == [{"id": category.pk, "name": "Brakes"}]


def test_a_mechanic_updates_their_own_details_but_not_qualifications(mechanic, other_mechanic):
    client = client_for(mechanic)
    ok = client.put(f"/mechanics/{mechanic.public_id}", {"first_name": "Ravindra"}, format="json")
    assert ok.status_code == 200 and ok.json()["first_name"] == "Ravindra"

    refused = client.put(f"/mechanics/{mechanic.public_id}", {"can_analyse": False, "first_name": "X"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only admins change a mechanic's qualifications."
    mechanic.refresh_from_db()
    assert mechanic.first_name == "Ravindra" and MechanicProfile.objects.get(user=mechanic).can_analyse

    other = client.put(f"/mechanics/{other_mechanic.public_id}", {"first_name": "Hijack"}, format="json")
    assert other.status_code == 404


def test_score_is_read_only(admin, mechanic):
    response = client_for(admin).put(f"/mechanics/{mechanic.public_id}", {"score": 999}, format="json")
    assert response.status_code == 200 and response.json()["score"] == 0


def test_others_see_a_mechanics_card_without_contact_details(customer, mechanic, other_mechanic, admin):
    card = client_for(customer).get(f"/mechanics/{mechanic.public_id}").json()
    assert card["first_name"] == mechanic.first_name and card["phone"] is None and card["email"] is None
    assert client_for(other_mechanic).get(f"/mechanics/{mechanic.public_id}").json()["phone"] is None
    assert client_for(mechanic).get(f"/mechanics/{mechanic.public_id}").json()["phone"] == mechanic.phone
    assert client_for(admin).get(f"/mechanics/{mechanic.public_id}").json()["phone"] == mechanic.phone


def test_mechanics_filter_by_qualification_and_id(admin, mechanic, other_mechanic):
    MechanicProfile.objects.filter(user=other_mechanic).update(can_analyse=False)
    client = client_for(admin)
    analysts = client.get("/mechanics/?can_analyse=true").json()["results"]
    assert [row["id"] for row in analysts] == [mechanic.public_id]
    by_id = client.get(f"/mechanics/?mechanic_id={other_mechanic.public_id}").json()["results"]
    assert [row["id"] for row in by_id] == [other_mechanic.public_id]
