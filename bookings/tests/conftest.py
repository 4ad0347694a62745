"""Fixtures the browser tests of bookings share."""

import pytest
from PIL import Image

from catalogue.demo import seed_catalogue
from garage.demo import seed_places_and_cars
from garage.models import CarModel
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
