"""Deferred work that comes back: declined lines become the car's deferred items, due by a date from the
finding's severity; reminders go out once per item and window with a link that fills the cart and opens
the wizard; the booking made from it is credited to the reminder and counted on the desk."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aftercare.models import DeferredItem, DeferredReminder
from aftercare.services import deferred_reminders_send
from bookings.tests.flow import BookingFlow
from catalogue.models import CartItem
from conftest import client_for, signed_in
from frontdesk.demo import walkround_photo
from garage.tests.factories import CustomerCarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def declined(customer, admin, mechanic, django_capture_on_commit_callbacks):
    """A booking whose customer approved the first service and declined the second (urgent, due at 52,000
    km) and the recommended extra (no finding behind it)."""
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_analysed(validate=False)
    flow.ok(flow.mechanic_api.post("/bookings/mechanic/findings", {
        "booking_id": flow.booking_id, "severity": "urgent", "note": "Discs scored", "due_km": 52000,
        "service_id": flow.services[1].pk}, format="multipart"), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk]))
    return flow



def test_declined_lines_become_deferred_items_due_by_severity(declined):
    today = timezone.localdate()
    items = {item.service_id: item for item in DeferredItem.objects.all()}
    discs, extra = items[declined.services[1].pk], items[declined.extra.pk]
    assert (discs.severity, discs.due_date, discs.due_km, discs.status) == (
        "urgent", today + datetime.timedelta(days=7), 52000, "open")
    assert (extra.severity, extra.due_date, extra.due_km) == ("soon", today + datetime.timedelta(days=30), None)
    assert declined.services[0].pk not in items  # approved work is not deferred

    listed = declined.customer_api.get(f"/bookings/deferred?car_id={declined.car.pk}").json()
    assert [row["service_id"] for row in listed["results"]] == [declined.services[1].pk, declined.extra.pk]
    assert listed["results"][0]["finding_note"] == "Discs scored"


def test_reminders_go_out_once_per_item_and_window(declined, customer, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert deferred_reminders_send(today=today) == 1  # the discs, due within a week
        assert deferred_reminders_send(today=today) == 0  # the same window: not again
    assert len(mail.outbox) == 1 and "is due by" in mail.outbox[0].subject
    token = DeferredReminder.objects.get().token
    assert f"/portal/customer/reminders/{token}/" in mail.outbox[0].body

    later = today + datetime.timedelta(days=25)  # the discs overdue, the extra due within a week
    with django_capture_on_commit_callbacks(execute=True):
        assert deferred_reminders_send(today=later) == 2
        assert deferred_reminders_send(today=later) == 0
    assert sorted(DeferredReminder.objects.values_list("window", flat=True)) == ["due-soon", "due-soon", "overdue"]
    assert len(mail.outbox) == 3


def test_the_reminder_link_fills_the_cart_opens_the_wizard_and_the_booking_is_credited(declined, customer, admin):
    second_car = CustomerCarFactory(customer=customer)
    deferred_reminders_send()
    reminder = DeferredReminder.objects.get()
    portal = signed_in(customer)
    opened = portal.get(f"/portal/customer/reminders/{reminder.token}/")
    assert opened.status_code == 302 and opened["Location"] == f"/portal/customer/book/?car={declined.car.pk}"
    assert CartItem.objects.filter(customer=customer, service=declined.services[1]).exists()
    wizard = portal.get(opened["Location"]).content.decode()
    wanted = declined.services[1].pk
    assert f'value="{wanted}" id="service-{wanted}" checked' in wizard
    assert re.search(rf'name="car" value="{declined.car.pk}"[^>]*checked', wizard)  # that car, not the other
    assert not re.search(rf'name="car" value="{second_car.pk}"[^>]*checked', wizard)

    day = timezone.localdate() + datetime.timedelta(days=3)
    booked = portal.post("/portal/customer/book/", {
        "car": declined.car.pk, "services": [declined.services[1].pk], "pickup_type": "doorstep",
        "pickup_address": declined.address.pk, "pickup_date": day, "drop_date": day + datetime.timedelta(days=1),
        "pickup_timeslot": declined.booking.pickup_timeslot_id, "drop_timeslot": declined.booking.pickup_timeslot_id})
    assert booked.status_code == 302, booked.content.decode()[:2000]
    reminder.refresh_from_db()
    item = reminder.item
    assert reminder.booking is not None and item.status == "booked" and item.booked_in == reminder.booking
    summary = client_for(admin).get("/bookings/admin/dashboard").json()["summary"]
    assert (summary["reminders_sent"], summary["reminders_booked"]) == (1, 1)
    assert "1</span> of 1 reminder led to a booking" in signed_in(admin).get("/portal/desk/").content.decode()


def test_a_reminder_link_is_only_its_customers(declined, other_customer):
    deferred_reminders_send()
    token = DeferredReminder.objects.get().token
    assert signed_in(other_customer).get(f"/portal/customer/reminders/{token}/").status_code == 404
    assert Client().get(f"/portal/customer/reminders/{token}/").status_code == 302  # to sign in first
    assert not CartItem.objects.filter(customer=other_customer).exists()


def test_the_api_credits_a_booking_to_its_reminder_and_dismissed_items_are_not_reminded(declined, customer):
    deferred_reminders_send()
    reminder = DeferredReminder.objects.get()
    extra_item = DeferredItem.objects.get(service=declined.extra)
    assert declined.customer_api.put(f"/bookings/deferred/{extra_item.pk}/dismiss").json()["status"] == "dismissed"

    declined.booking_id = None
    response = declined.create("doorstep", days_ahead=4, services=[{"service_id": declined.services[1].pk,
                                                                    "quantity": 1}],
                               reminder_token=reminder.token)
    reminder.refresh_from_db()
    assert reminder.booking_id == response["id"]
    later = timezone.localdate() + datetime.timedelta(days=60)
    assert deferred_reminders_send(today=later) == 0  # one booked, one dismissed


def test_the_cars_history_lists_visits_findings_invoices_and_work_left(declined, customer, other_customer, admin):
    history = declined.customer_api.get(f"/car/{declined.car.pk}/history").json()
    visit = history["visits"][0]
    assert visit["booking_id"] == declined.booking_id and visit["findings"][0]["note"] == "Discs scored"
    assert {row["status"] for row in visit["services"]} == {"confirmed", "rejected"}
    assert [row["service_id"] for row in history["deferred"]] == [declined.services[1].pk, declined.extra.pk]
    assert client_for(other_customer).get(f"/car/{declined.car.pk}/history").status_code == 404

    page = signed_in(customer).get(f"/portal/customer/cars/{declined.car.pk}/history/").content.decode()
    assert "Work left for later" in page and "Discs scored" in page and "Book it" in page
    assert signed_in(other_customer).get(f"/portal/customer/cars/{declined.car.pk}/history/").status_code == 404
    desk = signed_in(admin).get(f"/portal/desk/cars/{declined.car.pk}/").content.decode()
    assert f"#{declined.booking_id}" in desk and "Book it" not in desk
    assert Decimal(history["visits"][0]["services"][0]["quoted_price"]) > 0


def _another_declined_visit(flow, days_ahead):
    flow.create("doorstep", days_ahead=days_ahead)
    flow.ok(flow.assign("pickup"), 201)
    flow.ok(flow.report("received"), 201)
    flow.ok(flow.validate_latest_progress())
    flow.ok(flow.assign("analysis"), 201)
    flow.ok(flow.analyse(recommend=False), 201)
    flow.ok(flow.mechanic_api.post("/bookings/mechanic/findings", {
        "booking_id": flow.booking_id, "severity": "soon", "note": "Worn", "service_id": flow.services[1].pk,
        "images": [walkround_photo()]}, format="multipart"), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk]))


def test_work_left_and_history_cost_the_same_queries_at_one_visit_and_at_three(declined):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert declined.customer_api.get(url).status_code == 200
        return len(queries.captured_queries)

    urls = ["/bookings/deferred?status=all", f"/car/{declined.car.pk}/history"]
    at_one = [count(url) for url in urls]
    _another_declined_visit(declined, days_ahead=5)
    _another_declined_visit(declined, days_ahead=9)
    assert len(declined.customer_api.get(urls[1]).json()["visits"]) == 3
    assert [count(url) for url in urls] == at_one
