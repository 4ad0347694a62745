"""The catalogue in a real browser (Chromium through Playwright) against a live server."""

import pytest

from catalogue.models import CartItem
from catalogue.tests.factories import ServiceFactory
from conftest import requires_chromium, sign_in_browser

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop():
    ServiceFactory(title="Wheel Alignment", symptoms=["Car pulls to one side"], price=800)
    ServiceFactory(title="Front Brake Pads Replacement", symptoms=["Brakes squeak"], price=2300)


def test_a_visitor_finds_a_service_by_describing_the_problem(live_server, screenshot_at_end, shop):
    page = screenshot_at_end
    page.goto(f"{live_server.url}/portal/services/")
    page.get_by_label("Describe the problem or the service").fill("my car pulls to the left")
    page.get_by_role("button", name="Search").click()
    cards = page.locator("article h2")
    assert cards.all_inner_texts() == ["Wheel Alignment"]
    page.get_by_role("link", name="Wheel Alignment").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wheel Alignment"
    assert "Car pulls to one side" in page.content()


def test_a_customer_adds_to_the_cart_without_a_page_reload(live_server, screenshot_at_end, shop, customer):
    page = screenshot_at_end
    sign_in_browser(page, live_server, customer)
    page.goto(f"{live_server.url}/portal/services/?search=brakes")
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("button", name="Add to cart").click()

    page.get_by_role("button", name="In cart ✓").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in place by HTMX
    assert list(CartItem.objects.filter(customer=customer).values_list("service__title", flat=True)) == [
        "Front Brake Pads Replacement"]
    page.get_by_role("button", name="In cart ✓").click()
    page.get_by_role("button", name="Add to cart").wait_for()
    assert not CartItem.objects.filter(customer=customer).exists()
