"""What a new booking is checked for: each refusal names the field and writes nothing."""

import datetime

import pytest
from django.utils import timezone

from bookings.models import Booking
from bookings.tests.flow import BookingFlow
from catalogue.models import CartItem
from catalogue.tests.factories import ServiceFactory
from garage.tests.factories import AddressFactory, CustomerCarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(customer, admin, mechanic):
    return BookingFlow(customer=customer, admin=admin, mechanic=mechanic)


def refused_fields(flow, **overrides) -> set[str]:
    pickup = timezone.localdate() + datetime.timedelta(days=2)
    body = {"vehicle_id": flow.car.pk, "pickup_type": "doorstep", "timeslot_id": 1,
            "pickup_date": pickup.isoformat(), "drop_date": (pickup + datetime.timedelta(days=2)).isoformat(),
            "pickup_address_id": flow.address.pk, "services": [{"service_id": flow.services[0].pk}]}
    body.update(overrides)
    response = flow.customer_api.post("/bookings/", body, format="json")
    assert response.status_code == 422, response.content
    assert Booking.objects.count() == 0
    return {error["field"] for error in response.json()["detail"]}


def test_past_pickup_date(flow):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert refused_fields(flow, pickup_date=yesterday.isoformat()) == {"pickup_date"}


def test_drop_before_pickup(flow):
    pickup = timezone.localdate() + datetime.timedelta(days=3)
    assert refused_fields(flow, pickup_date=pickup.isoformat(),
                          drop_date=(pickup - datetime.timedelta(days=1)).isoformat()) == {"drop_date"}


def test_no_services(flow):
    assert refused_fields(flow, services=[]) == {"services"}


def test_too_few_working_days_for_the_work(flow):
    long_job = ServiceFactory(time_hours=20)  # 20 hours: three 9-hour working days
    pickup = timezone.localdate() + datetime.timedelta(days=2)
    fields = refused_fields(flow, services=[{"service_id": long_job.pk}],
                            drop_date=(pickup + datetime.timedelta(days=2)).isoformat())
    assert fields == {"drop_date"}


def test_a_quick_job_fits_the_same_day(flow):
    quick = ServiceFactory(time_hours=1)
    day = timezone.localdate() + datetime.timedelta(days=2)
    response = flow.customer_api.post("/bookings/", {
        "vehicle_id": flow.car.pk, "pickup_type": "self", "timeslot_id": 1, "drop_timeslot_id": 3,
        "pickup_date": day.isoformat(), "drop_date": day.isoformat(), "services": [{"service_id": quick.pk}]},
        format="json")
    assert response.status_code == 201, response.content


def test_someone_elses_car_or_address(flow, other_customer):
    other_car = CustomerCarFactory(customer=other_customer)
    other_address = AddressFactory(customer=other_customer)
    assert refused_fields(flow, vehicle_id=other_car.pk, pickup_address_id=other_address.pk) == {
        "vehicle_id", "pickup_address_id"}


def test_doorstep_needs_an_address(flow):
    assert refused_fields(flow, pickup_address_id=None) == {"pickup_address_id"}


def test_inactive_service(flow):
    retired = ServiceFactory(is_active=False)
    assert refused_fields(flow, services=[{"service_id": retired.pk}]) == {"services"}


def test_a_service_without_a_price_for_the_cars_class_is_400(flow):
    unpriced = ServiceFactory()
    unpriced.prices.all().delete()
    response = flow.customer_api.post("/bookings/", {
        "vehicle_id": flow.car.pk, "pickup_type": "self", "timeslot_id": 1,
        "pickup_date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
        "drop_date": (timezone.localdate() + datetime.timedelta(days=4)).isoformat(),
        "services": [{"service_id": unpriced.pk}]}, format="json")
    assert response.status_code == 400 and "has no price" in response.json()["detail"]
    assert Booking.objects.count() == 0


def test_booking_takes_the_services_out_of_the_cart(flow, customer):
    CartItem.objects.create(customer=customer, service=flow.services[0])
    keep = CartItem.objects.create(customer=customer, service=flow.extra)
    flow.create("doorstep")
    assert list(CartItem.objects.filter(customer=customer)) == [keep]
