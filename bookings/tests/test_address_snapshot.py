"""Issue 15.13: a booking keeps its addresses as they were when booked; editing an address later rewrites
none of the record (history, invoice, desk, tablet, API)."""

import importlib

import pytest
from django.apps import apps

from accounts.services import customer_anonymise
from bookings.models import Booking
from catalogue.tests.factories import ServiceFactory
from conftest import client_for, signed_in
from frontdesk.demo import booking_drive, booking_new
from garage.services import address_update
from garage.tests.factories import AddressFactory, AreaFactory, CustomerCarFactory

pytestmark = pytest.mark.django_db



@pytest.fixture
def home(customer):
    return AddressFactory(customer=customer, line1="12 Gandhi Road", line2="Flat 3",
                          area=AreaFactory(name="Adyar", pincode="600020"))


@pytest.fixture
def booked_from_home(customer, home):
    return booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                       services_with_qty=[(ServiceFactory(), 1)], address=home)


def move_house(address) -> None:
    address_update(address=address, line1="99 Lake View", line2="", area=AreaFactory(name="Velachery",
                                                                                        pincode="600042"))


OLD = "12 Gandhi Road, Flat 3, Adyar (600020)"


def test_the_record_keeps_the_address_as_booked(booked_from_home, home, customer, admin, mechanic):
    booking = booking_drive(booking=booked_from_home, to="delivered", admin=admin, mechanic=mechanic)
    move_house(home)

    detail = client_for(customer).get(f"/bookings/{booking.pk}").json()
    assert (detail["pickup_address"], detail["drop_address"]) == (OLD, OLD)
    for client, path in ((signed_in(customer), f"/portal/customer/bookings/{booking.pk}/"),
                         (signed_in(customer), f"/portal/invoices/{booking.pk}/"),
                         (signed_in(admin), f"/portal/desk/bookings/{booking.pk}/")):
        page = client.get(path).content.decode()
        assert OLD in page and "99 Lake View" not in page, path


def test_the_mechanic_goes_where_the_booking_said(booked_from_home, home, admin, mechanic):
    booking_drive(booking=booked_from_home, to="pickup", admin=admin, mechanic=mechanic)
    move_house(home)

    (job,) = client_for(mechanic).get("/bookings/mechanic/assignments").json()["results"]
    assert job["address"] == OLD
    today = signed_in(mechanic).get("/portal/mechanic/").content.decode()
    assert OLD in today and "99 Lake View" not in today


def test_removing_the_account_wipes_the_bookings_copies_too(booked_from_home, customer):
    customer_anonymise(customer=customer)
    booking = Booking.objects.get(pk=booked_from_home.pk)
    assert "Gandhi Road" not in str(booking.pickup_place) and "Gandhi Road" not in str(booking.drop_place)


def test_the_migration_fills_existing_bookings_from_their_addresses(booked_from_home):
    Booking.objects.update(pickup_address_text="", pickup_area_text="", drop_address_text="", drop_area_text="")
    migration = importlib.import_module("bookings.migrations.0009_booking_address_snapshots")
    migration.snapshot_current_addresses(apps, None)
    booking = Booking.objects.get(pk=booked_from_home.pk)
    assert (str(booking.pickup_place), str(booking.drop_place)) == (OLD, OLD)
