"""The mechanic's analysis on a tablet in a real browser: a refused entry does not throw away the photos
already chosen from the camera."""

import pytest
from PIL import Image

from bookings.tests.test_three_portals import TABLET, tablet_open_job
from catalogue.models import Service
from conftest import requires_chromium, sign_in_browser
from frontdesk.demo import booking_drive, booking_new
from workshop.models import Analysis

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def chosen_files(input_locator) -> list[str]:
    return input_locator.evaluate("input => [...input.files].map(file => file.name)")


def test_photos_chosen_for_an_analysis_survive_a_refused_field(live_server, screenshot_at_end, shop, customer,
                                                               admin, mechanic, tmp_path):
    photos = []
    for name, colour in (("wheel.jpg", (180, 40, 40)), ("tyre.jpg", (40, 40, 180))):
        Image.new("RGB", (640, 480), colour).save(tmp_path / name, "JPEG")
        photos.append(str(tmp_path / name))
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(Service.objects.get(title="Wheel Alignment"), 1)])
    booking_drive(booking=booking, to="analysis", admin=admin, mechanic=mechanic)
    tablet = screenshot_at_end
    tablet.set_viewport_size(TABLET)
    sign_in_browser(tablet, live_server, mechanic)
    tablet_open_job(tablet, live_server.url, "Analysis")

    tablet.get_by_label("What you found").fill("Front wheels toe-out")
    tablet.get_by_label("Wheel Alignment (quote, ₹)").fill("800")
    tablet.get_by_label("Recommended extra 1").select_option(label="Wheel Balancing")  # its price forgotten
    tablet.get_by_label("Photos").set_input_files(photos)
    tablet.get_by_role("button", name="Submit analysis").click()
    tablet.locator("#job-form .invalid-feedback", has_text="Quote a price for the recommended service.").wait_for()
    assert not Analysis.objects.exists()
    assert chosen_files(tablet.get_by_label("Photos")) == ["wheel.jpg", "tyre.jpg"]  # still chosen

    tablet.get_by_label("Extra 1 price (₹)").fill("400")
    tablet.get_by_role("button", name="Submit analysis").click()
    tablet.get_by_text(f"Analysis of booking #{booking.pk} sent for approval.").wait_for()
    analysis = Analysis.objects.get(booking=booking)
    assert analysis.description == "Front wheels toe-out" and analysis.images.count() == 2
    assert booking.services.filter(is_recommended=True, service__title="Wheel Balancing").exists()
