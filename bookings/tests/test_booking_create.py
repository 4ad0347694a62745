"""What a new booking is checked for: each refusal names the field and writes nothing."""

import datetime

import pytest
from django.utils import timezone

from bookings.models import Booking
from bookings.tests.flow import BookingFlow
from catalogue.models import CartItem
from catalogue.tests.factories import ServiceFactory
from garage.models import Timeslot
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


# Issue 15.10: a slot that is over today cannot be booked ---------------------------------------------


def self_drop_in(flow, *, on: datetime.date, slot, drop_days: int = 2) -> dict:
    return {"vehicle_id": flow.car.pk, "pickup_type": "self", "timeslot_id": slot.pk,
            "pickup_date": on.isoformat(), "drop_date": (on + datetime.timedelta(days=drop_days)).isoformat(),
            "drop_timeslot_id": Timeslot.objects.get(name="Evening").pk,
            "services": [{"service_id": flow.services[0].pk}]}


def test_a_slot_that_ended_today_is_refused_beside_the_slot(flow, ended_slot):
    today = timezone.localdate()
    assert refused_fields(flow, **self_drop_in(flow, on=today, slot=ended_slot)) == {"timeslot_id"}
    tomorrow = self_drop_in(flow, on=today + datetime.timedelta(days=1), slot=ended_slot)
    assert flow.customer_api.post("/bookings/", tomorrow, format="json").status_code == 201


def test_a_slot_still_running_today_can_be_booked(flow, garage_at_midday):
    now = garage_at_midday
    running = Timeslot.objects.create(name="Lunch", start_time=(now - datetime.timedelta(hours=1)).time(),
                                      end_time=(now + datetime.timedelta(hours=1)).time(), capacity=5)
    body = self_drop_in(flow, on=timezone.localdate(), slot=running)
    assert flow.customer_api.post("/bookings/", body, format="json").status_code == 201


# Issue 15.11: no hoarding: a horizon, and caps on one customer's open bookings ---------------------------


def book(flow, *, days_ahead: int = 2, slot_name: str = "Morning", car=None, drop_days: int = 2):
    pickup = timezone.localdate() + datetime.timedelta(days=days_ahead)
    body = {**self_drop_in(flow, on=pickup, slot=Timeslot.objects.get(name=slot_name), drop_days=drop_days),
            "vehicle_id": (car or flow.car).pk}
    return flow.customer_api.post("/bookings/", body, format="json")


def test_bookings_open_sixty_days_ahead(flow, settings):
    assert settings.BOOKING_HORIZON_DAYS == 60
    assert book(flow, days_ahead=60).status_code == 201
    assert refused_fields_now(book(flow, days_ahead=61)) == ["pickup_date"]
    to_the_end_of_time = (datetime.date(9999, 12, 31) - timezone.localdate()).days - 2  # the probe's drop date
    assert refused_fields_now(book(flow, days_ahead=2, drop_days=to_the_end_of_time)) == ["drop_date"]
    assert Booking.objects.count() == 1


def refused_fields_now(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["detail"]]


def test_one_customer_holds_at_most_two_places_of_a_slot(flow, settings):
    assert settings.BOOKING_MAX_PER_SLOT_PER_CUSTOMER == 2
    cars = [flow.car, CustomerCarFactory(customer=flow.customer), CustomerCarFactory(customer=flow.customer)]
    assert [book(flow, car=car).status_code for car in cars[:2]] == [201, 201]
    third = book(flow, car=cars[2])
    assert refused_fields_now(third) == ["timeslot_id"]
    assert "2 places" in third.json()["detail"][0]["message"]
    assert book(flow, car=cars[2], slot_name="Evening").status_code == 201  # another slot is fine
    assert Booking.objects.count() == 3


def test_one_customer_holds_at_most_five_open_bookings_and_a_cancelled_one_frees_a_place(flow, settings):
    assert settings.BOOKING_MAX_OPEN_PER_CUSTOMER == 5
    made = [book(flow, days_ahead=2 + n) for n in range(5)]
    assert [response.status_code for response in made] == [201] * 5
    assert refused_fields_now(book(flow, days_ahead=9)) == ["pickup_date"]
    assert Booking.objects.count() == 5
    cancelled = flow.customer_api.put(f"/bookings/{made[0].json()['id']}/cancel", {}, format="json")
    assert cancelled.status_code == 200, cancelled.content
    assert book(flow, days_ahead=9).status_code == 201


def test_the_garage_booking_for_a_customer_meets_the_same_caps(flow, settings):
    settings.BOOKING_MAX_OPEN_PER_CUSTOMER = 1
    assert book(flow).status_code == 201
    body = {**self_drop_in(flow, on=timezone.localdate() + datetime.timedelta(days=5),
                           slot=Timeslot.objects.get(name="Morning")), "customer_id": flow.customer.public_id}
    assert refused_fields_now(flow.admin_api.post("/bookings/", body, format="json")) == ["pickup_date"]
