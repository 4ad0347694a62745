"""Admins, mechanics and customers over the API."""

import re

import pytest
from django.core import mail

from accounts.models import MechanicProfile, User
from accounts.services import staff_remove
from accounts.tests.factories import AdminFactory
from bookings.models import Booking
from bookings.tests.factories import BookingFactory
from catalogue.models import CartItem
from catalogue.tests.factories import CategoryFactory, ServiceFactory
from conftest import client_for
from garage.models import Address
from garage.tests.factories import AddressFactory
from revcare.errors import ConflictError

pytestmark = pytest.mark.django_db


def test_admin_creates_an_admin_who_gets_a_set_password_email(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post("/admins/", {"first_name": "Meera", "last_name": "Nair",
                                                       "email": "meera@revcare.in", "phone": "9000000099"},
                                          format="json")
    assert response.status_code == 201
    assert re.fullmatch(r"ADM\d{6}", response.json()["id"])
    new_admin = User.objects.get(public_id=response.json()["id"])
    assert not new_admin.has_usable_password()
    assert mail.outbox[-1].to == ["meera@revcare.in"]
    assert "/portal/password/set/" in mail.outbox[-1].body


def test_an_admin_cannot_remove_themself(admin):
    response = client_for(admin).delete(f"/admins/{admin.public_id}")
    assert response.status_code == 409
    assert response.json()["detail"] == "You cannot remove your own account."
    admin.refresh_from_db()
    assert admin.is_active


def test_the_last_active_admin_cannot_be_removed(admin):
    second = AdminFactory()
    assert client_for(admin).delete(f"/admins/{second.public_id}").status_code == 204
    # Only `admin` is active now; a removal by anyone else (e.g. the deactivated one) must fail.
    with pytest.raises(ConflictError, match="at least one active admin"):
        staff_remove(user=admin, removed_by=second)
    second.refresh_from_db()
    assert not second.is_active and User.objects.get(pk=admin.pk).is_active


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


def test_customers_see_only_themselves_and_admins_filter_by_id(customer, other_customer, admin):
    own = client_for(customer).get("/customers/").json()
    assert [row["id"] for row in own["results"]] == [customer.public_id]
    filtered = client_for(admin).get(f"/customers/?customer_id={other_customer.public_id}").json()
    assert [row["id"] for row in filtered["results"]] == [other_customer.public_id]
    assert client_for(admin).get("/customers/").json()["count"] == 2


def test_customer_updates_profile_and_a_taken_email_is_409(customer, other_customer):
    client = client_for(customer)
    assert client.put(f"/customers/{customer.public_id}", {"first_name": "Priyanka"}, format="json").json()[
        "first_name"] == "Priyanka"
    taken = client.put(f"/customers/{customer.public_id}", {"email": other_customer.email}, format="json")
    assert taken.status_code == 409
    bad = client.put(f"/customers/{customer.public_id}", {"phone": "12ab"}, format="json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "phone"
    customer.refresh_from_db()
    assert customer.email != other_customer.email


def test_deleting_a_customer_anonymises_them_and_keeps_their_bookings(customer):
    booking = BookingFactory(customer=customer)
    address = AddressFactory(customer=customer)
    CartItem.objects.create(customer=customer, service=ServiceFactory())
    client = client_for(customer)

    assert client.delete(f"/customers/{customer.public_id}").status_code == 204

    customer.refresh_from_db()
    assert (customer.first_name, customer.is_active, customer.has_usable_password()) == ("Deleted", False, False)
    assert customer.phone.startswith("0") and customer.email.endswith("@anonymised.invalid")
    assert customer.public_id.startswith("CST")
    assert Booking.objects.filter(pk=booking.pk, customer=customer).exists()
    assert Address.objects.get(pk=address.pk).line1 == "Removed"
    assert not CartItem.objects.filter(customer=customer).exists()
    assert client.get("/customers/").status_code == 401  # signed out everywhere
