"""The customer's whole journey in a real browser, against a live server: sign up, add a car and an
address, fill the cart, book a slot, confirm the quote, pay in the sandbox, follow the work, read the
invoice and review. The garage's side (assignments, analysis, progress) runs through the same
services its staff use. Plus what goes wrong: a slot that fills up, a date in the past."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from bookings.models import Booking
from bookings.money import gst_on
from catalogue.demo import seed_catalogue
from catalogue.models import Service
from catalogue.services import price_for_class
from conftest import SCREENSHOTS, requires_chromium, sign_in_browser
from frontdesk.demo import FETCH, WORK, booking_new, booking_steps
from garage.demo import seed_places_and_cars
from garage.models import CarModel, Timeslot
from garage.tests.factories import AddressFactory, CustomerCarFactory
from payments.models import Invoice

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop():
    seed_places_and_cars()
    seed_catalogue()


def snap(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pick_date(page, kind: str, day):
    """Type a date and wait for that day's slots to arrive (HTMX), so a slot is picked from them."""
    page.get_by_label(f"{kind.title()} date").fill(str(day))
    page.locator(f"#{kind}-slots [data-date='{day}']").wait_for()


def assert_every_field_labelled(page):
    """Each visible field has a label (or an aria-label) a screen reader can announce."""
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(el => el.type !== 'hidden' && !el.labels.length && !el.getAttribute('aria-label'))
        .map(el => el.name)""")
    assert unlabelled == []


def rupees_with_gst(amount: Decimal) -> str:
    return f"₹{amount + gst_on(amount, Decimal('18'))}"


def test_a_new_customer_books_pays_follows_and_reviews(live_server, screenshot_at_end, shop, admin, mechanic):
    page = screenshot_at_end
    url = live_server.url

    # Sign up, then sign in (the same page whether or not the phone had an account), asked for a car.
    page.goto(f"{url}/portal/register/")
    assert_every_field_labelled(page)
    page.get_by_label("First name").fill("Meena")
    page.get_by_label("Last name").fill("Iyer")
    page.get_by_label("Mobile number").fill("9876501234")
    page.get_by_label("Email").fill("meena@example.in")
    page.locator("#id_password").fill("Servic3-Me-Well")
    page.get_by_label("Password again").fill("Servic3-Me-Well")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Thank you, Meena.").wait_for()
    page.get_by_label("Phone number or email").fill("9876501234")
    page.get_by_label("Password").fill("Servic3-Me-Well")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Add a car").wait_for()
    customer = User.objects.get(phone="9876501234")

    # A car: picking the make narrows the models (HTMX), and the plate is normalised.
    page.get_by_role("link", name="Add a car").click()
    page.get_by_label("Manufacturer").select_option(label="Hyundai")
    expect(page.locator("#id_car_model")).not_to_contain_text("Swift")  # only Hyundai's models now
    page.get_by_label("Model").select_option(label="Creta 2022 · Diesel")
    page.get_by_label("Registration number").fill("tn-09 cd 4321")
    page.get_by_role("button", name="Save car").click()
    page.get_by_text("TN09CD4321 is saved.").wait_for()

    # An address in one of the garage's areas.
    page.goto(f"{url}/portal/customer/addresses/add/")
    page.get_by_label("Label").fill("Home")
    page.get_by_label("House and street").fill("14 Second Avenue")
    page.get_by_label("Area").select_option(label="Anna Nagar (600040)")
    page.get_by_role("button", name="Save address").click()
    page.get_by_text("14 Second Avenue, Anna Nagar (600040)").wait_for()

    # The symptom finds the service; it goes in the cart without a reload.
    page.goto(f"{url}/portal/services/")
    page.get_by_label("Describe the problem or the service").fill("car pulls to the left")
    page.get_by_role("button", name="Search").click()
    card = page.locator("article", has=page.get_by_role("link", name="Wheel Alignment"))
    card.get_by_role("button", name="Add to cart").click()
    card.get_by_role("button", name="In cart ✓").wait_for()
    snap(page, "catalogue")

    # Book from the cart: car, service and address come preselected; the slots show places left.
    page.get_by_role("link", name="Cart", exact=True).click()
    page.get_by_role("link", name="Book these services").click()
    assert page.get_by_label("TN09CD4321 (Hyundai Creta 2022 (Diesel))").is_checked()
    assert page.get_by_label(re.compile("^Wheel Alignment")).is_checked()
    alignment, balancing = Service.objects.get(title="Wheel Alignment"), Service.objects.get(title="Wheel Balancing")
    creta = CarModel.objects.get(name="Creta")
    price = price_for_class(service=alignment, car_class=creta.car_class)
    both = price + price_for_class(service=balancing, car_class=creta.car_class)
    page.locator("#estimate-total", has_text=rupees_with_gst(price)).wait_for()
    page.get_by_text("More services").click()
    page.get_by_label(re.compile("^Wheel Balancing")).check()  # the estimate follows
    page.locator("#estimate-total", has_text=rupees_with_gst(both)).wait_for()
    pickup_day = timezone.localdate() + timedelta(days=3)
    pick_date(page, "pickup", pickup_day.isoformat())
    page.get_by_label(re.compile(r"^Morning · 08:00–12:00\s+8 left")).check()
    pick_date(page, "drop", (pickup_day + timedelta(days=1)).isoformat())
    page.locator("#drop-slots").get_by_label(re.compile("^Evening")).check()
    assert_every_field_labelled(page)
    snap(page, "booking-wizard")
    page.get_by_role("button", name="Book now").click()
    page.get_by_text(re.compile(r"Booked! Booking #\d+")).wait_for()
    booking = Booking.objects.get(customer=customer)
    assert (booking.pickup_date, booking.pickup_timeslot.name, booking.drop_timeslot.name) == (
        pickup_day, "Morning", "Evening")
    assert page.locator("#status-badge").inner_text() == "Booked"

    # The garage fetches the car, inspects it and approves the quote; the page follows by itself.
    booking_steps(booking=booking, steps=FETCH + WORK[:3], admin=admin, mechanic=mechanic)
    page.get_by_role("heading", name="Confirm the work").wait_for(timeout=20000)
    assert page.locator("#confirm-total-amount").inner_text() == rupees_with_gst(both)
    page.get_by_label("Wheel Balancing").uncheck()  # not this time: the total drops at once
    page.locator("#confirm-total-amount", has_text=rupees_with_gst(price)).wait_for()
    page.get_by_label("Pay online now").check()
    snap(page, "confirm-quote")
    page.get_by_role("button", name="Confirm services").click()

    # The sandbox checkout signs the payment as Razorpay would; the booking moves to in progress.
    page.get_by_role("button", name=f"Pay {rupees_with_gst(price)}").click()
    page.get_by_text(f"Paid {rupees_with_gst(price)}. Thank you!").wait_for()
    assert page.locator("#status-badge").inner_text() == "In Progress"

    # The work is done and approved: the page turns to completed, with the invoice.
    booking_steps(booking=booking, steps=WORK[4:], admin=admin, mechanic=mechanic)
    page.locator("#status-badge", has_text="Completed").wait_for(timeout=20000)
    invoice = Invoice.objects.get(booking=booking)
    page.get_by_role("link", name=f"Invoice {invoice.number}").click()
    page.get_by_text(invoice.number).first.wait_for()
    assert page.locator("tfoot tr").last.inner_text().split() == ["Total", rupees_with_gst(price)[1:]]
    snap(page, "invoice")
    page.go_back()

    # A review, now that the work is done.
    page.get_by_label("5★").check()
    page.get_by_label("Your words (optional)").fill("Steering is straight again, and the car came back clean.")
    page.get_by_role("button", name="Post review").click()
    page.get_by_text("Thank you for reviewing Wheel Alignment!").wait_for()
    assert alignment.reviews.get(customer=customer).rating == 5
    assert "How was Wheel Balancing?" not in page.content()  # only work that was done is reviewed


@pytest.fixture
def booking_form_ready(shop, customer):
    car = CustomerCarFactory(customer=customer, car_model=CarModel.objects.get(name="Swift"),
                             registration_number="KA01AB1234")
    AddressFactory(customer=customer, label="Home")
    return car


def test_a_full_slot_is_shown_and_a_slot_taken_meanwhile_keeps_what_was_typed(
        live_server, screenshot_at_end, booking_form_ready, customer, other_customer):
    page = screenshot_at_end
    night = Timeslot.objects.get(name="Night")
    Timeslot.objects.filter(pk=night.pk).update(capacity=1)
    evening = Timeslot.objects.get(name="Evening")
    Timeslot.objects.filter(pk=evening.pk).update(capacity=1)
    day = timezone.localdate() + timedelta(days=2)
    someone_else = lambda slot: booking_new(  # noqa: E731
        customer=other_customer, car=CustomerCarFactory(customer=other_customer),
        services_with_qty=[(Service.objects.get(title="Puncture Repair"), 1)],
        address=AddressFactory(customer=other_customer), days_ahead=2, slot=slot)
    someone_else(night)

    sign_in_browser(page, live_server, customer)
    page.goto(f"{live_server.url}/portal/customer/book/?service={Service.objects.get(title='Wheel Balancing').pk}")
    pick_date(page, "pickup", day.isoformat())
    expect(page.locator("#pickup-slots")).to_contain_text("Full")  # the slots of the new date
    assert page.locator("#pickup-slots").get_by_label(re.compile("^Night")).is_disabled()

    # The last evening place goes to someone else while this customer is still typing.
    page.locator("#pickup-slots").get_by_label(re.compile("^Evening")).check()
    pick_date(page, "drop", (day + timedelta(days=1)).isoformat())
    page.locator("#drop-slots").get_by_label(re.compile("^Morning")).check()
    page.get_by_label("Anything we should know?").fill("Vibration above 80 km/h on the highway")
    someone_else(evening)
    page.get_by_role("button", name="Book now").click()

    summary = page.get_by_role("alert").filter(has_text="is full")
    summary.wait_for()
    assert page.locator("#pickup_timeslot-error").inner_text().startswith("The Evening slot on")
    assert page.evaluate("document.activeElement.id") == "error-summary"  # announced and focused
    assert page.get_by_label("Anything we should know?").input_value() == "Vibration above 80 km/h on the highway"
    assert page.get_by_label(re.compile("^Wheel Balancing")).is_checked()
    assert page.get_by_label("Pickup date").input_value() == day.isoformat()
    assert Booking.objects.filter(customer=customer).count() == 0


def test_a_past_date_is_refused_beside_the_field(live_server, screenshot_at_end, booking_form_ready, customer):
    page = screenshot_at_end
    sign_in_browser(page, live_server, customer)
    page.goto(f"{live_server.url}/portal/customer/book/?service={Service.objects.get(title='Wheel Balancing').pk}")
    yesterday = timezone.localdate() - timedelta(days=1)
    pick_date(page, "pickup", yesterday.isoformat())
    page.locator("#pickup-slots", has_text="That date has passed").wait_for()
    page.locator("#pickup-slots").get_by_label(re.compile("^Morning")).check()
    page.locator("#drop-slots").get_by_label(re.compile("^Evening")).check()
    page.get_by_role("button", name="Book now").click()
    page.locator("#error-summary").wait_for()
    assert "The pickup date is in the past." in page.locator("#id_pickup_date").locator("..").inner_text()
    assert page.get_by_label("Pickup date").input_value() == yesterday.isoformat()
    snap(page, "booking-validation")


def test_on_a_phone_the_menu_folds_away_and_pages_fit_the_screen(live_server, screenshot_at_end, booking_form_ready,
                                                                  customer):
    page = screenshot_at_end
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, live_server, customer)
    page.goto(f"{live_server.url}/portal/customer/book/")
    assert not page.get_by_role("link", name="My bookings").is_visible()
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="My bookings").click()
    page.get_by_role("heading", name="My bookings").wait_for()
    for path in ("/portal/customer/book/", "/portal/services/", "/portal/customer/cars/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path  # no sideways scrolling
    snap(page, "phone-cars")
