"""Findings and consent in real browsers: the mechanic records findings with a photo on the tablet,
the desk approves the quote, the customer sees them grouped by urgency with the photo and confirms;
the desk then changes a price and the customer approves the line again from the booking page."""

import re

import pytest

from bookings.models import LineDecision
from bookings.tests.test_three_portals import (
    DESK,
    TABLET,
    customer_confirms_paying_cash,
    snap,
    tablet_open_job,
)
from catalogue.models import Service
from conftest import requires_chromium, sign_in_browser, watch_csp
from frontdesk.demo import booking_drive, booking_new

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_findings_with_photos_then_a_new_price_approved_again(live_server, browser, screenshot_at_end, shop,
                                                               customer, admin, mechanic, photo_file):
    url = live_server.url
    alignment = Service.objects.get(title="Wheel Alignment")
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(alignment, 1)])
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    shopper = screenshot_at_end
    desk = browser.new_context(viewport=DESK).new_page()
    tablet = browser.new_context(viewport=TABLET, has_touch=True).new_page()
    violations = {"desk": watch_csp(desk), "tablet": watch_csp(tablet)}
    for page, person in ((shopper, customer), (desk, admin), (tablet, mechanic)):
        sign_in_browser(page, live_server, person)

    # On the tablet, while the analysis waits for the desk: two findings, one with a photo and its fix.
    tablet_open_job(tablet, url, "Analysis")
    tablet.get_by_label("Urgent").check()
    tablet.get_by_label("What you found").fill("Front-left tyre worn on the inner edge")
    tablet.get_by_label("Service that fixes it").select_option(label="Wheel Alignment")
    tablet.get_by_label("Its quoted price (₹)").fill("900")
    tablet.get_by_label("Photos").set_input_files(photo_file)
    tablet.get_by_role("button", name="Add finding").click()
    tablet.get_by_text("Finding added.").wait_for()
    tablet.get_by_label("Fine for now").check()
    tablet.get_by_label("What you found").fill("Rear tyres have 5 mm of tread")
    tablet.get_by_role("button", name="Add finding").click()
    tablet.locator("[data-finding='fine']").get_by_text("Rear tyres have 5 mm of tread").wait_for()  # reloaded
    assert tablet.get_by_alt_text(re.compile("^Photo 1 of: Front-left tyre")).is_visible()

    desk.goto(f"{url}/portal/desk/bookings/{booking.pk}/")
    desk.get_by_role("button", name="Approve the quote").click()
    desk.get_by_text("Quote approved").wait_for()

    # The customer decides with the evidence in front of them: urgent first, with the photo.
    shopper.goto(f"{url}/portal/customer/bookings/{booking.pk}/")
    groups = shopper.locator("#findings section").evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label'))")
    assert groups == ["Urgent findings", "Fine for now findings"]
    photo = shopper.get_by_alt_text(re.compile("^Photo 1 of: Front-left tyre"))
    assert photo.is_visible() and photo.evaluate("img => img.naturalWidth") > 0  # the photo really loads
    snap(shopper, "customer-findings")
    customer_confirms_paying_cash(shopper, url, booking)

    # The desk finds the alignment needs more work and changes its price: work on it waits.
    desk.goto(f"{url}/portal/desk/bookings/{booking.pk}/")
    desk.get_by_label("New price for Wheel Alignment").fill("1150")
    desk.get_by_role("button", name="Change price").click()
    desk.get_by_text("Price changed.").wait_for()

    shopper.goto(f"{url}/portal/customer/bookings/{booking.pk}/")
    shopper.get_by_text("New price ₹1150.00").wait_for()
    shopper.get_by_role("button", name="Approve ₹1150.00").click()
    shopper.get_by_text("Wheel Alignment: approved.").wait_for()
    shopper.get_by_text(re.compile(r"Approved at ₹1150\.00 by Priya Raman")).wait_for()
    decisions = list(LineDecision.objects.filter(line__booking=booking).values_list("unit_price", "channel"))
    assert [(str(price), channel) for price, channel in decisions] == [("900.00", "portal"), ("1150.00", "portal")]
    assert violations == {"desk": [], "tablet": []}
