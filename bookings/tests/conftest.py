"""Fixtures the tests of bookings share."""

import datetime

import pytest
from django.utils import timezone
from PIL import Image

from catalogue.demo import seed_catalogue
from garage.demo import seed_places_and_cars
from garage.models import CarModel, Timeslot
from garage.tests.factories import AddressFactory, CustomerCarFactory


@pytest.fixture
def shop(customer):
    """The demo catalogue and places, and Priya's Swift and home address."""
    seed_places_and_cars()
    seed_catalogue()
    CustomerCarFactory(customer=customer, car_model=CarModel.objects.get(name="Swift"),
                       registration_number="KA01AB1234")
    AddressFactory(customer=customer, line1="12 Gandhi Road")


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "front.jpg"
    Image.new("RGB", (640, 480), (180, 40, 40)).save(path, "JPEG")
    return str(path)


def garage_clock_at(settings, hour: int) -> datetime.datetime:
    """Set the garage's clock (TIME_ZONE) to a zone where it is `hour` o'clock now, whatever the
    hour the test runs, so that which of today's slots are over does not depend on it. Returns local now."""
    offset = (hour - datetime.datetime.now(datetime.UTC).hour + 12) % 24 - 12  # -12 … +11 hours from UTC
    settings.TIME_ZONE = f"Etc/GMT{-offset:+d}" if offset else "UTC"  # Etc/ signs run backwards
    return timezone.localtime()


@pytest.fixture
def garage_at_midday(settings):
    """About noon at the garage: a slot that ended a minute ago, or ends in an hour, is today's."""
    return garage_clock_at(settings, 12)


@pytest.fixture
def garage_at_dawn(settings):
    """About 6 o'clock at the garage: every seeded slot of today is still ahead."""
    return garage_clock_at(settings, 6)


@pytest.fixture
def ended_slot(garage_at_midday):
    """A slot of today that ended a minute ago."""
    now = garage_at_midday
    return Timeslot.objects.create(name="Brunch", start_time=(now - datetime.timedelta(hours=2)).time(),
                                   end_time=(now - datetime.timedelta(minutes=1)).time(), capacity=5)
