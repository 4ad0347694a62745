"""One booking driven through the three portals in real browsers: the customer books and confirms,
the admin desk assigns and validates, the mechanic works each job on a tablet (1024×768), until the
customer sees the car delivered and the invoice. Plus who may not open what."""

import re
from decimal import Decimal

import pytest

from bookings.models import Booking
from bookings.tests.test_customer_journey import snap as save
from catalogue.models import Service
from conftest import requires_chromium, sign_in_browser, watch_csp
from frontdesk.demo import booking_drive, booking_new
from payments.models import Invoice
from workshop.models import CustodyRecord
from workshop.tests.test_mechanic_portal import emailed_code

# The garage asks for the customer's code at the door (off in a fresh install): these walk it through.
pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("handover_code_required")]

TABLET = {"width": 1024, "height": 768}
DESK = {"width": 1280, "height": 900}


def snap(page, name):
    save(page, name)


def desk_open_booking(desk, url, booking):
    desk.goto(f"{url}/portal/desk/bookings/{booking.pk}/")


def desk_assign(desk, url, booking, job):
    desk_open_booking(desk, url, booking)
    desk.get_by_label("Job").select_option(label=job)  # reloads with the qualified mechanics, best first
    desk.get_by_role("button", name=f"Assign {job.lower()}").click()
    desk.get_by_text(f"{job} assigned to Ravi Kumar.").wait_for()


def desk_validate_report(desk, url, booking):
    desk_open_booking(desk, url, booking)
    desk.get_by_role("button", name="Validate").click()
    desk.get_by_text("Report validated.").wait_for()


def assert_touch_sized(page):
    """Everything a thumb presses in the page's main area is at least 44 px tall."""
    page.wait_for_load_state("load")  # measured with the stylesheets applied
    small = page.evaluate("""() => [...document.querySelectorAll(
            'main button, main .btn, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
            + 'main select, main .form-check')]
        .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
        .map(el => el.outerHTML.slice(0, 80))""")
    assert small == []


def customer_confirms_paying_cash(shopper, url, booking):
    shopper.goto(f"{url}/portal/customer/bookings/{booking.pk}/")
    shopper.get_by_label("Pay when the car comes back (cash or UPI)").check()
    shopper.get_by_role("button", name="Confirm services").click()
    shopper.get_by_text("Confirmed. We are starting the work").wait_for()


def tablet_hand_over(tablet, booking, photo_file, odometer="42310"):
    """Record the car at the door, then type the code the customer read out from their email."""
    tablet.get_by_label("Odometer (km)").fill(odometer)
    tablet.get_by_label("½").check()
    tablet.get_by_label("Walk-round photos").set_input_files(photo_file)
    tablet.get_by_role("button", name="Record and send the code").click()
    tablet.get_by_text("Ask them for it.").wait_for()
    tablet.get_by_label("Customer's code").fill(emailed_code(booking))
    tablet.get_by_role("button", name="Confirm the handover").click()
    tablet.get_by_text("Handover confirmed.").wait_for()


def tablet_open_job(tablet, url, job_name):
    tablet.goto(f"{url}/portal/mechanic/")
    tablet.locator("article", has_text=job_name).get_by_role("link", name="Open job").click()


def test_one_booking_through_customer_desk_and_tablet(live_server, browser, screenshot_at_end, shop, customer, admin,
                                                       mechanic, photo_file):
    url = live_server.url
    shopper = screenshot_at_end
    desk = browser.new_context(viewport=DESK).new_page()
    tablet = browser.new_context(viewport=TABLET, has_touch=True).new_page()
    violations = {"desk": watch_csp(desk), "tablet": watch_csp(tablet)}
    for page, person in ((shopper, customer), (desk, admin), (tablet, mechanic)):
        sign_in_browser(page, live_server, person)

    # The customer books a wheel alignment for tomorrow morning.
    alignment = Service.objects.get(title="Wheel Alignment")
    shopper.goto(f"{url}/portal/customer/book/?service={alignment.pk}")
    shopper.locator("#pickup-slots").get_by_label(re.compile("^Morning")).check()
    shopper.locator("#drop-slots").get_by_label(re.compile("^Evening")).check()
    shopper.get_by_role("button", name="Book now").click()
    shopper.get_by_text(re.compile(r"Booked! Booking #\d+")).wait_for()
    booking = Booking.objects.get(customer=customer)

    # The desk sees it waiting for an assignment and sends Ravi to collect the car.
    desk.goto(f"{url}/portal/desk/")
    desk.locator("#action-queue li", has_text=f"Booking #{booking.pk}").get_by_text("Assign").wait_for()
    snap(desk, "desk-dashboard")
    desk_assign(desk, url, booking, "Pickup")

    # On the tablet: the car is collected, with a photo of its condition.
    tablet_open_job(tablet, url, "Pickup")
    tablet_hand_over(tablet, booking, photo_file)
    tablet.get_by_label("Notes").fill("Small dent on the rear bumper")
    tablet.get_by_label("Photos").set_input_files(photo_file)
    tablet.get_by_role("button", name="Car received").click()
    tablet.get_by_text(f"Booking #{booking.pk}: “Car received” sent.").wait_for()

    desk_validate_report(desk, url, booking)
    desk_assign(desk, url, booking, "Analysis")

    # The analysis, quoted per service, with a photo from the camera.
    tablet_open_job(tablet, url, "Analysis")
    tablet.get_by_label("What you found").fill("Front wheels toe-out; steering off-centre by 5°.")
    tablet.get_by_label("Recommendation to the customer").fill("Align now; rotate tyres at the next service.")
    tablet.get_by_label("Wheel Alignment (quote, ₹)").fill("800")
    tablet.get_by_label("Photos").set_input_files(photo_file)
    tablet.set_viewport_size({"width": 768, "height": 1024})  # the tablet held upright
    snap(tablet, "mechanic-job")
    tablet.get_by_role("button", name="Submit analysis").click()
    tablet.get_by_text(f"Analysis of booking #{booking.pk} sent for approval.").wait_for()

    desk_open_booking(desk, url, booking)
    assert desk.get_by_alt_text("Inspection photo 1").is_visible()
    desk.get_by_role("button", name="Approve the quote").click()
    desk.get_by_text("Quote approved").wait_for()

    # The customer confirms and will pay cash when the car comes back.
    customer_confirms_paying_cash(shopper, url, booking)

    desk_assign(desk, url, booking, "Service")
    tablet_open_job(tablet, url, "Service")
    tablet.get_by_label("Wheel Alignment").check()
    tablet.get_by_label("Notes").fill("Aligned; test-driven 5 km")
    tablet.get_by_role("button", name="Send progress").click()
    tablet.get_by_text(f"Booking #{booking.pk}: “Send progress” sent.").wait_for()
    desk_validate_report(desk, url, booking)
    assert desk.locator("#status-badge").inner_text() == "Completed"

    # Drop: cash first, then the car goes back.
    desk_assign(desk, url, booking, "Drop")
    tablet_open_job(tablet, url, "Drop")
    tablet.get_by_role("button", name=re.compile(r"^Cash ₹[\d.]+ received$")).click()
    tablet.get_by_text("in cash recorded").wait_for()
    tablet_hand_over(tablet, booking, photo_file, odometer="42330")
    tablet.get_by_label("Notes").fill("Keys handed to Priya")
    tablet.get_by_role("button", name="Car delivered").click()
    tablet.get_by_text(f"Booking #{booking.pk}: “Car delivered” sent.").wait_for()
    desk_validate_report(desk, url, booking)

    # The customer sees the car delivered, and the invoice.
    shopper.goto(f"{url}/portal/customer/bookings/{booking.pk}/")
    assert shopper.locator("#status-badge").inner_text() == "Delivered"
    # Both handovers are on record for them: readings, fuel and the walk-round photos.
    assert shopper.locator("[data-custody='pickup']").get_by_text("42310 km").is_visible()
    assert shopper.locator("[data-custody='drop']").get_by_text("42330 km").is_visible()
    assert shopper.get_by_alt_text("Drop walk-round photo 1").evaluate("img => img.complete && img.naturalWidth") > 0
    invoice = Invoice.objects.get(booking=booking)
    shopper.get_by_role("link", name=f"Invoice {invoice.number}").click()
    shopper.get_by_text(invoice.number).first.wait_for()
    assert (invoice.subtotal, invoice.total, invoice.payment_method) == (Decimal("800.00"), Decimal("944.00"), "cash")
    assert violations == {"desk": [], "tablet": []}
    assert shopper.locator("tfoot tr").last.inner_text().split() == ["Total", "944.00"]


def test_a_mechanic_cannot_open_anothers_job_and_a_customer_cannot_open_the_desk(
        live_server, browser, screenshot_at_end, shop, customer, admin, mechanic, other_mechanic):
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(Service.objects.get(title="Wheel Alignment"), 1)])
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = booking.assignments.get()
    stranger = browser.new_context(viewport=TABLET).new_page()
    sign_in_browser(stranger, live_server, other_mechanic)
    response = stranger.goto(f"{live_server.url}/portal/mechanic/jobs/{job.pk}/")
    assert response.status == 404 and "KA01AB1234" not in stranger.content()

    page = screenshot_at_end
    sign_in_browser(page, live_server, customer)
    response = page.goto(f"{live_server.url}/portal/desk/")
    assert response.status == 403 and "Not allowed" in page.content()


def test_a_report_sent_without_a_connection_keeps_what_was_typed(live_server, browser, screenshot_at_end, shop,
                                                                   customer, admin, mechanic, photo_file):
    booking = booking_new(customer=customer, car=customer.cars.get(), address=customer.addresses.get(),
                          services_with_qty=[(Service.objects.get(title="Wheel Alignment"), 1)])
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    tablet = screenshot_at_end
    tablet.set_viewport_size(TABLET)
    sign_in_browser(tablet, live_server, mechanic)
    tablet_open_job(tablet, live_server.url, "Pickup")
    assert_touch_sized(tablet)
    tablet.get_by_label("Odometer (km)").fill("42310")
    tablet.get_by_label("¼").check()
    tablet.get_by_label("Condition notes").fill("Small dent on the rear door")

    # The yard has no signal: the request never reaches the garage.
    tablet.route("**/portal/mechanic/jobs/**", lambda route: route.abort("internetdisconnected")
                 if route.request.method == "POST" else route.continue_())
    tablet.get_by_role("button", name="Record and send the code").click()
    problem = tablet.get_by_role("alert").filter(has_text="Not sent: no connection")
    problem.wait_for()
    assert tablet.get_by_label("Odometer (km)").input_value() == "42310"
    assert tablet.get_by_label("Condition notes").input_value() == "Small dent on the rear door"
    assert not CustodyRecord.objects.exists()

    # Back in range: the same entries go through (with the photo the form asks for).
    tablet.unroute("**/portal/mechanic/jobs/**")
    tablet.get_by_role("button", name="Record and send the code").click()
    tablet.get_by_text("Take at least one photo").first.wait_for()  # refused beside the photos, entries kept
    assert tablet.get_by_label("Condition notes").input_value() == "Small dent on the rear door"
    tablet.get_by_label("Walk-round photos").set_input_files(photo_file)
    tablet.get_by_role("button", name="Record and send the code").click()
    tablet.get_by_text("Ask them for it.").wait_for()
    record = CustodyRecord.objects.get()
    assert (record.odometer_km, record.fuel_level, record.notes) == (42310, "quarter", "Small dent on the rear door")
