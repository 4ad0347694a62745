"""Admins and customers over the API (mechanics: workshop/tests/test_mechanics_api.py)."""

import re

import pytest
from django.core import mail

from accounts.models import User
from accounts.services import staff_remove
from accounts.tests.factories import AdminFactory
from bookings.models import Booking
from bookings.tests.factories import BookingFactory
from catalogue.models import CartItem
from catalogue.tests.factories import ServiceFactory
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
