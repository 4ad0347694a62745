import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import User
from bookings.models import Booking, BookingStatus
from catalogue.models import Category, PriceChart, Service
from garage.models import Area, CarClass, CarModel, Content, GstRate, Manufacturer, Timeslot
from garage.selectors import garage_settings_get
from revcare.management.commands.seed_demo import DEMO_PASSWORD, DEMO_PEOPLE

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_its_people_can_sign_in():
    call_command("seed_demo")
    ids = sorted(User.objects.values_list("public_id", flat=True))
    call_command("seed_demo")
    assert sorted(User.objects.values_list("public_id", flat=True)) == ids
    assert len(ids) == len(DEMO_PEOPLE)
    for person in DEMO_PEOPLE:
        response = APIClient().post("/auth/login", {"username": person["phone"], "password": DEMO_PASSWORD})
        assert response.status_code == 200, person["phone"]


def test_seed_demo_builds_a_realistic_catalogue():
    call_command("seed_demo")
    assert Area.objects.count() >= 5 and all(len(area.pincode) == 6 for area in Area.objects.all())
    assert CarModel.objects.count() >= 20 and Manufacturer.objects.count() >= 5
    assert Category.objects.count() == 10 and Service.objects.count() == 40
    classes = CarClass.objects.count()
    assert PriceChart.objects.count() == 40 * classes  # every service priced for every class
    assert all(service.symptoms and service.works for service in Service.objects.all())
    assert list(Timeslot.objects.values_list("name", flat=True)) == ["Morning", "Afternoon", "Evening", "Night"]
    assert str(GstRate.objects.latest().percent) == "18.00"
    assert set(Content.objects.values_list("slug", flat=True)) >= {"home-banner", "offers-banner"}
    found = APIClient().get("/services/", {"search": "car pulls to the left"}).json()["results"]
    assert found[0]["title"] == "Wheel Alignment"


def test_seed_demo_has_a_booking_in_every_status():
    call_command("seed_demo")
    call_command("seed_demo")
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus.values)
    assert Booking.objects.count() == 13
    # The README's tablet tour shows the handover with the customer's code: the demo garage asks for it.
    assert garage_settings_get().handover_code_required is True
