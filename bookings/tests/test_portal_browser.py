"""A customer's bookings in a real browser: their own, live; anyone else's is a 404."""

import pytest

from catalogue.tests.factories import ServiceFactory
from conftest import requires_chromium, sign_in_browser
from frontdesk.demo import booking_drive, booking_new
from garage.tests.factories import AddressFactory, CustomerCarFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def booking(customer):
    return booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                       services_with_qty=[(ServiceFactory(title="Wheel Alignment", price=800), 1)],
                       address=AddressFactory(customer=customer))


def test_the_booking_page_updates_itself_as_the_garage_works(live_server, screenshot_at_end, customer, booking,
                                                             admin, mechanic):
    page = screenshot_at_end
    sign_in_browser(page, live_server, customer)
    assert page.url.endswith("/portal/customer/bookings/")
    page.get_by_role("link", name=f"Booking #{booking.pk}").click()
    assert "₹944.00" in page.content()  # 800 + 18% GST

    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)

    page.locator("#timeline li", has_text="Pickup assigned to").wait_for(timeout=15000)  # polled every 10 s
    assert page.locator("#status-badge").inner_text() == "Pickup"


def test_another_customers_booking_is_not_found(live_server, screenshot_at_end, other_customer, booking):
    page = screenshot_at_end
    sign_in_browser(page, live_server, other_customer)
    response = page.goto(f"{live_server.url}/portal/customer/bookings/{booking.pk}/")
    assert response.status == 404
    assert "Page not found" in page.content() and "Wheel Alignment" not in page.content()
