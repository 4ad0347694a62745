"""Each slot's places left on a day (GET /utils/timeslot?date=): garage's slots against the bookings
holding them; moved here from garage with the code."""

import pytest

from bookings.tests.factories import BookingFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def fields_of(response) -> set[str]:
    assert response.status_code == 422, response.content
    return {error["field"] for error in response.json()["detail"]}


def test_timeslot_availability_counts_bookings_and_frees_cancelled_ones(customer):
    first = BookingFactory()
    BookingFactory(pickup_date=first.pickup_date)
    BookingFactory(pickup_date=first.pickup_date, status="cancelled")
    response = client_for(customer).get(f"/utils/timeslot?date={first.pickup_date.isoformat()}")
    slots = {row["name"]: row for row in response.json()["results"]}
    assert set(slots) == {"Morning", "Afternoon", "Evening", "Night"}
    assert (slots["Morning"]["capacity"], slots["Morning"]["booked"], slots["Morning"]["remaining"]) == (8, 2, 6)
    assert slots["Afternoon"]["remaining"] == 6


def test_timeslot_date_must_be_a_date(customer):
    assert fields_of(client_for(customer).get("/utils/timeslot?date=tomorrow")) == {"date"}
