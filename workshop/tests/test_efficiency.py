"""Mechanic efficiency: estimated hours (service time × quantity) against actual hours from the progress
timestamps, per mechanic and per service, with the formula shown beside the numbers."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from bookings.tests.flow import BookingFlow
from catalogue.models import Service
from conftest import client_for
from workshop.models import Assignment, Progress
from workshop.selectors.efficiency import mechanic_efficiency

pytestmark = pytest.mark.django_db


@pytest.fixture
def timed_work(customer, admin, mechanic):
    """Service work assigned at 09:00; the first service (1.5 h) reported done at 11:00, the second
    (1 h × 2) at 14:00."""
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    Service.objects.filter(pk=flow.services[0].pk).update(time_hours=Decimal("1.5"))
    Service.objects.filter(pk=flow.services[1].pk).update(time_hours=Decimal("1"))
    flow.to_in_progress()
    first, second = flow.services
    flow.ok(flow.report("in-progress", completed_service_ids=[first.pk]), 201)
    flow.ok(flow.validate_latest_progress())
    flow.ok(flow.report("in-progress", completed_service_ids=[second.pk]), 201)
    flow.ok(flow.validate_latest_progress())
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    Assignment.objects.filter(booking_id=flow.booking_id, assignment_type__kind="service").update(assigned_at=start)
    reports = Progress.objects.filter(booking_id=flow.booking_id, assignment__assignment_type__kind="service")
    for report, hours in zip(reports.order_by("id"), (2, 5), strict=True):
        Progress.objects.filter(pk=report.pk).update(created_at=start + datetime.timedelta(hours=hours))
    return flow


def test_hours_per_mechanic_and_per_service_follow_the_formula(timed_work, mechanic, django_assert_num_queries):
    today = timezone.localdate()
    with django_assert_num_queries(3):
        figures = mechanic_efficiency(date_from=today, date_to=today)
    (person,) = figures.mechanics
    assert (person.name, person.lines, person.estimated, round(person.actual, 2), person.efficiency) == (
        mechanic.get_full_name(), 2, Decimal("3.5"), Decimal("5.00"), Decimal("70"))
    by_service = {row.name: (row.estimated, round(row.actual, 2), row.efficiency) for row in figures.services}
    assert by_service == {timed_work.services[0].title: (Decimal("1.5"), Decimal("2.00"), Decimal("75")),
                          timed_work.services[1].title: (Decimal("2"), Decimal("3.00"), Decimal("67"))}
    assert "Σ estimated hours ÷ Σ actual hours" in figures.formula


def test_the_api_and_the_desk_show_the_numbers_with_the_formula(timed_work, admin):
    body = client_for(admin).get("/bookings/admin/efficiency").json()
    assert body["mechanics"][0]["efficiency_percent"] == "70" and body["mechanics"][0]["actual_hours"] == "5.00"
    assert "progress timestamps" in body["formula"]
    backwards = client_for(admin).get("/bookings/admin/efficiency?date_from=2026-02-01&date_to=2026-01-01")
    assert backwards.status_code == 422
    old = client_for(admin).get("/bookings/admin/efficiency?date_from=2020-01-01&date_to=2020-01-31").json()
    assert old["mechanics"] == []

    desk = Client()
    desk.force_login(admin)
    page = desk.get("/portal/desk/efficiency/").content.decode()
    assert "70 %" in page and "How these are worked out" in page and "Σ estimated hours" in page
    assert desk.get("/portal/desk/efficiency/?from=nonsense&to=2026-13-45").status_code == 200


def test_the_mechanic_sees_their_own_efficiency_and_the_car_history_of_a_job(timed_work, mechanic, other_mechanic):
    tablet = Client()
    tablet.force_login(mechanic)
    history = tablet.get("/portal/mechanic/history/").content.decode()
    assert "3.5 h estimated against 5.0 h taken: <strong>70 %</strong>" in history
    job = Assignment.objects.filter(booking_id=timed_work.booking_id, assignment_type__kind="service").get()
    car = tablet.get(f"/portal/mechanic/jobs/{job.pk}/car/").content.decode()
    assert "Odometer readings" in car and "42310 km" in car and f"#{timed_work.booking_id}" in car
    stranger = Client()
    stranger.force_login(other_mechanic)
    assert stranger.get(f"/portal/mechanic/jobs/{job.pk}/car/").status_code == 404


# Issue 15.9: sane periods, and no figure from a few seconds of recorded work ------------------------


@pytest.fixture
def instant_work(customer, admin, mechanic):
    """Service work reported done two seconds after it was assigned: far too little time to judge by."""
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_in_progress()
    flow.ok(flow.report("in-progress", completed_service_ids=[s.pk for s in flow.services]), 201)
    flow.ok(flow.validate_latest_progress())
    report = Progress.objects.filter(booking_id=flow.booking_id, assignment__assignment_type__kind="service").get()
    Assignment.objects.filter(pk=report.assignment_id).update(
        assigned_at=report.created_at - datetime.timedelta(seconds=2))
    return flow


@pytest.mark.parametrize("query", [
    "date_from=0001-01-01&date_to=9999-12-31",  # overflowed the day after date_to
    "date_from=9999-12-31&date_to=9999-12-31",
    "date_from=1899-01-01&date_to=1899-01-31",
    "date_from=2024-01-01&date_to=2025-06-30",  # longer than the longest period
])
def test_a_period_out_of_range_or_too_long_is_refused_beside_the_field(admin, query):
    response = client_for(admin).get(f"/bookings/admin/efficiency?{query}")
    assert response.status_code == 422, response.content
    assert {error["field"] for error in response.json()["detail"]} & {"date_from", "date_to"}


def test_a_few_seconds_of_work_give_no_percentage_but_the_reason(instant_work, admin, mechanic):
    body = client_for(admin).get("/bookings/admin/efficiency").json()  # the default period was a 500
    (row,) = body["mechanics"]
    assert row["efficiency_percent"] is None
    assert "Not enough data" in row["efficiency_reason"] and "1 h" in row["efficiency_reason"]
    assert all(service["efficiency_percent"] is None for service in body["services"])

    desk = Client()
    desk.force_login(admin)
    page = desk.get("/portal/desk/efficiency/").content.decode()
    assert "Not enough data" in page and "%" not in page.split("Per mechanic")[1].split("How these")[0]

    tablet = Client()
    tablet.force_login(mechanic)
    history = tablet.get("/portal/mechanic/history/").content.decode()
    assert "Not enough data" in history and " %</strong>" not in history


def test_the_desk_shows_a_refused_period_beside_the_dates(admin):
    desk = Client()
    desk.force_login(admin)
    response = desk.get("/portal/desk/efficiency/?from=0001-01-01&to=9999-12-31")
    assert response.status_code == 422
    assert 'id="from-error">Choose a date between 01 Jan 2000 and 31 Dec 2100.' in response.content.decode()
    too_long = desk.get("/portal/desk/efficiency/?from=2024-01-01&to=2025-06-30").content.decode()
    assert 'id="to-error">Choose a period of at most 366 days.' in too_long


# Issue 15.14: the tablet finds the mechanic's own figure by who they are, not by name -----------------


def test_a_mechanic_renamed_like_a_colleague_does_not_see_the_colleagues_figures(timed_work, mechanic,
                                                                                  other_mechanic):
    other_mechanic.first_name, other_mechanic.last_name = mechanic.first_name, mechanic.last_name
    other_mechanic.save()
    tablet = Client()
    tablet.force_login(other_mechanic)
    history = tablet.get("/portal/mechanic/history/").content.decode()
    assert "my-efficiency" not in history and "70 %" not in history
