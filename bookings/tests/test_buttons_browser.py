"""Buttons as a thumb and an eye meet them, in real Chromium: labels sit in the middle of 44 px buttons
(links styled as buttons included), the favourite button's label is readable, and the tablet's small
links (the map, the way back to my jobs) are 44 × 44 px targets."""

import re

import pytest

from bookings.tests.test_three_portals import TABLET, tablet_open_job
from catalogue.models import Service
from conftest import requires_chromium, sign_in_browser
from frontdesk.demo import booking_drive, booking_new

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

# How far (px) a label's vertical centre is from its button's.
LABEL_OFF_CENTRE = """el => {
    const box = el.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(el);
    const label = range.getBoundingClientRect();
    return Math.abs((label.top + label.bottom) / 2 - (box.top + box.bottom) / 2);
}"""

# The label's colour and the first opaque background behind it, as [r, g, b] each.
COLOURS = """el => {
    const rgb = value => value.match(/[\\d.]+/g).map(Number);
    let behind = el;
    while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
    return [rgb(getComputedStyle(el).color).slice(0, 3),
            behind ? rgb(getComputedStyle(behind).backgroundColor).slice(0, 3) : [255, 255, 255]];
}"""


def contrast_ratio(foreground, background) -> float:
    """WCAG 2: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter over darker."""
    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_label_centred(button):
    assert button.bounding_box()["height"] >= 44
    assert button.evaluate(LABEL_OFF_CENTRE) <= 1.5, button.evaluate("el => el.outerHTML")


def test_button_labels_are_centred_and_readable(live_server, screenshot_at_end, shop, customer):
    page = screenshot_at_end
    sign_in_browser(page, live_server, customer)
    page.goto(f"{live_server.url}/portal/customer/bookings/")
    assert_label_centred(page.get_by_role("link", name="Book a service"))  # a link styled as a button
    assert_label_centred(page.get_by_role("navigation", name="Filter by status").get_by_role("link", name="All"))

    page.goto(f"{live_server.url}/portal/services/")
    favourite = page.get_by_role("button", name="☆ Favourite").first
    assert_label_centred(favourite)
    foreground, background = favourite.evaluate(COLOURS)
    assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)


def test_the_tablets_call_map_and_way_back_are_thumb_sized(live_server, screenshot_at_end, shop, customer, admin,
                                                            mechanic):
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(Service.objects.get(title="Wheel Alignment"), 1)])
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    tablet = screenshot_at_end
    tablet.set_viewport_size(TABLET)
    sign_in_browser(tablet, live_server, mechanic)
    tablet_open_job(tablet, live_server.url, "Pickup")
    tablet.wait_for_load_state("load")  # measured with the stylesheets applied

    assert_label_centred(tablet.get_by_role("link", name=re.compile(r"^Call ")))
    for link in (tablet.get_by_role("link", name="Map"), tablet.get_by_role("link", name="← My jobs")):
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (link, box)
