"""In real browsers: a reminder of work left for later books it in a few taps (cart filled, wizard on
the right car), the desk counts the reminder as having led to a booking; the car's history shows the
visit, its findings, odometer readings and the work left; the desk's efficiency page shows its numbers
with the formula."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from aftercare.models import DeferredReminder
from aftercare.services import deferred_reminders_send
from bookings.models import Booking
from bookings.services.confirmation import booking_confirm_services
from bookings.tests.test_customer_journey import pick_date
from bookings.tests.test_three_portals import DESK, snap
from catalogue.models import Service
from conftest import requires_chromium, sign_in_browser, watch_csp
from frontdesk.demo import booking_drive, booking_new, booking_steps
from workshop.services.findings import finding_add
from workshop.services.reports import analysis_validate

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def declined_balancing(shop, customer, admin, mechanic):
    """Priya's Swift had an alignment done and declined the urgent wheel balancing the mechanic found."""
    alignment, balancing = Service.objects.get(title="Wheel Alignment"), Service.objects.get(title="Wheel Balancing")
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(alignment, 1)])
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    finding_add(booking_id=booking.pk, actor=mechanic, severity="urgent", price=600, service=balancing,
                note="Front wheels out of balance: vibration at 80 km/h")
    analysis_validate(booking_id=booking.pk, admin=admin)
    booking_confirm_services(booking_id=booking.pk, actor=customer, service_ids=[alignment.pk],
                             payment_method="cod", channel="portal")
    booking_steps(booking=booking, steps=["assign:service", "report:in-progress", "validate_progress",
                                          "assign:drop", "collect_cash", "report:delivered", "validate_progress"],
                  admin=admin, mechanic=mechanic)
    return booking


def test_a_reminder_books_the_work_left_for_later_and_the_desk_counts_it(
        live_server, browser, screenshot_at_end, declined_balancing, customer, admin):
    url = live_server.url
    mail.outbox.clear()
    assert deferred_reminders_send() == 1
    link = re.search(r"(/portal/customer/reminders/\S+/)", mail.outbox[-1].body).group(1)

    shopper = screenshot_at_end
    sign_in_browser(shopper, live_server, customer)
    shopper.goto(url + link)
    assert shopper.get_by_label(re.compile("^Wheel Balancing")).is_checked()
    assert shopper.locator(f"input[name=car][value='{declined_balancing.car_id}']").is_checked()
    day = timezone.localdate() + datetime.timedelta(days=3)
    pick_date(shopper, "pickup", day)
    shopper.locator("#pickup-slots").get_by_label(re.compile("^Morning")).check()
    pick_date(shopper, "drop", day + datetime.timedelta(days=1))
    shopper.locator("#drop-slots").get_by_label(re.compile("^Evening")).check()
    shopper.get_by_role("button", name="Book now").click()
    shopper.get_by_text(re.compile(r"Booked! Booking #\d+")).wait_for()
    new_booking = Booking.objects.exclude(pk=declined_balancing.pk).get()
    assert DeferredReminder.objects.get().booking == new_booking

    # The car's history: the visit with its finding, both odometer readings, and the balancing now booked.
    shopper.goto(f"{url}/portal/customer/cars/")
    shopper.get_by_role("link", name="History of KA01AB1234").click()
    shopper.get_by_role("heading", name="Odometer readings").wait_for()
    visit = shopper.locator(f"[data-booking='{declined_balancing.pk}']")
    assert visit.get_by_text("Front wheels out of balance").is_visible()
    assert shopper.get_by_text(re.compile(r"42310 km · at the pickup")).is_visible()
    assert shopper.locator("[data-deferred='booked']").get_by_text(f"Booked in #{new_booking.pk}").is_visible()
    snap(shopper, "customer-car-history")

    desk = browser.new_context(viewport=DESK).new_page()
    violations = watch_csp(desk)
    sign_in_browser(desk, live_server, admin)
    desk.goto(f"{url}/portal/desk/")
    assert desk.locator("#reminder-figures").inner_text() == "1 of 1 reminder led to a booking"
    desk.goto(f"{url}/portal/desk/operations/")
    desk.get_by_role("link", name=re.compile("Mechanic efficiency")).click()
    desk.get_by_role("heading", name="How these are worked out").wait_for()
    assert "Σ estimated hours ÷ Σ actual hours" in desk.locator("#formula").inner_text()
    assert desk.get_by_role("cell", name="Ravi Kumar").is_visible()
    assert violations == []
