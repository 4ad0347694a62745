"""The mechanic's tablet pages without a browser: own jobs only, one form per kind of job, reports
blocked until validated, payment at the door. Each posts as HTMX does."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bookings import money
from bookings.models import BookedService, Booking
from catalogue.tests.factories import ServiceFactory
from conftest import signed_in
from frontdesk.demo import DOORSTEP_PATH, booking_drive, booking_new, booking_steps
from garage.tests.factories import AddressFactory, CustomerCarFactory
from notifications.models import Notification
from payments.models import Payment
from workshop.models import Analysis, CustodyRecord, Progress
from workshop.services.reports import progress_validate

# The handovers here type the customer's code: the garage asks for it (off in a fresh install; see
# test_handover_policy.py for a garage that does not).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handover_code_required")]

HTMX = {"HTTP_HX_REQUEST": "true"}



def photo(name="front.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def booking(customer):
    return booking_new(customer=customer, car=CustomerCarFactory(customer=customer, registration_number="TN09CD4321"),
                       services_with_qty=[(ServiceFactory(title="Brake Pads", price=1000), 1)],
                       address=AddressFactory(customer=customer, line1="14 Second Avenue"))


def job_of(booking, code):
    return booking.assignments.get(assignment_type__kind=code, closed_at__isnull=True)


def emailed_code(booking) -> str:
    email = Notification.objects.filter(booking_id=booking.pk, subject__startswith="Your handover code").latest("id")
    return re.search(r"handover code: (\d{6})", email.body_text).group(1)


def hand_over_on_tablet(client, job, booking, odometer_km="42310"):
    """Record the car (reading, fuel, a photo), then type the code the customer was emailed."""
    recorded = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/", {
        "odometer_km": odometer_km, "fuel_level": "half", "photos": [photo("walkround.jpg")]}, **HTMX)
    assert recorded["HX-Redirect"] == f"/portal/mechanic/jobs/{job.pk}/", recorded.content.decode()[:500]
    confirmed = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/", {"code": emailed_code(booking)},
                            **HTMX)
    assert confirmed["HX-Redirect"] == f"/portal/mechanic/jobs/{job.pk}/"


def test_today_lists_only_my_open_jobs_with_what_i_need_on_the_road(booking, admin, mechanic, other_mechanic):
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    mine = signed_in(mechanic).get("/portal/mechanic/").content.decode()
    assert "Pickup · #" in mine and "TN09CD4321" in mine and 'href="tel:+91' in mine
    assert "14 Second Avenue" in mine and "google.com/maps/search" in mine
    assert "TN09CD4321" not in signed_in(other_mechanic).get("/portal/mechanic/").content.decode()


def test_another_mechanics_job_is_not_found_and_customers_get_403(booking, admin, mechanic, other_mechanic,
                                                                   customer):
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = job_of(booking, "pickup")
    assert signed_in(other_mechanic).get(f"/portal/mechanic/jobs/{job.pk}/").status_code == 404
    assert signed_in(other_mechanic).post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "x"}, **HTMX).status_code == 404
    assert signed_in(customer).get("/portal/mechanic/").status_code == 403
    assert not Progress.objects.exists()


def test_pickup_reports_the_car_received_with_photos_then_waits_for_validation(booking, admin, mechanic):
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = job_of(booking, "pickup")
    client = signed_in(mechanic)
    assert "Record and send the code" in client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    hand_over_on_tablet(client, job, booking)
    response = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "Scratch on the rear bumper",
                                                                "photos": [photo(), photo("rear.jpg")]}, **HTMX)
    assert response["HX-Redirect"] == "/portal/mechanic/"
    report = Progress.objects.get()
    assert report.notes == "Scratch on the rear bumper" and report.images.count() == 2
    assert Booking.objects.get(pk=booking.pk).status == "received"
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "is waiting for an admin to check it" in page and "Car received</button>" not in page


def test_too_many_photos_or_a_non_image_is_refused_and_nothing_is_saved(booking, admin, mechanic):
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = job_of(booking, "pickup")
    client = signed_in(mechanic)
    six = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"photos": [photo(f"{n}.jpg") for n in range(6)]}, **HTMX)
    assert six.status_code == 422 and "Attach at most 5 photos." in six.content.decode()
    text = SimpleUploadedFile("notes.jpg", b"not a picture", content_type="image/jpeg")
    fake = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"photos": [text]}, **HTMX)
    assert fake.status_code == 422 and "photos" in fake.context["form"].errors
    assert not Progress.objects.exists()


def test_analysis_quotes_every_booked_service_and_recommends_extras(booking, admin, mechanic):
    booking_drive(booking=booking, to="analysis", admin=admin, mechanic=mechanic)
    job = job_of(booking, "analysis")
    pads = booking.services.get().service
    fluid = ServiceFactory(title="Brake Fluid", price=500)
    client = signed_in(mechanic)
    form = {"description": "Pads at 2 mm", "recommendation": "Change the fluid too",
            f"price_{pads.pk}": "1200.00", "extra_1": fluid.pk, "photos": [photo()]}
    missing_price = client.post(f"/portal/mechanic/jobs/{job.pk}/", form, **HTMX)
    assert missing_price.context["form"].errors == {"extra_1_price": ["Quote a price for the recommended service."]}
    assert not Analysis.objects.exists()
    response = client.post(f"/portal/mechanic/jobs/{job.pk}/", {**form, "extra_1_price": "450",
                                                                "photos": [photo()]}, **HTMX)
    assert response["HX-Redirect"] == "/portal/mechanic/"
    analysis = Analysis.objects.get()
    assert analysis.images.count() == 1 and Booking.objects.get(pk=booking.pk).status == "analysed"
    rows = {row.service.title: row for row in BookedService.objects.filter(booking=booking)}
    assert rows["Brake Pads"].quoted_price == Decimal("1200.00")
    assert rows["Brake Fluid"].is_recommended and rows["Brake Fluid"].quoted_price == Decimal("450.00")
    assert "analysis of" in client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()


def test_service_progress_ticks_completed_work_and_nothing_is_refused(booking, admin, mechanic):
    booking_drive(booking=booking, to="in-progress", admin=admin, mechanic=mechanic)
    job = job_of(booking, "service")
    pads = booking.services.get().service_id
    client = signed_in(mechanic)
    empty = client.post(f"/portal/mechanic/jobs/{job.pk}/", {}, **HTMX)
    assert empty.context["form"].errors == {"completed": ["Report the services completed, or add a note."]}
    response = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"completed": [pads], "notes": "Pads fitted",
                                                                "photos": [photo()]}, **HTMX)
    assert response["HX-Redirect"] == "/portal/mechanic/"
    report = Progress.objects.filter(booking=booking).latest("id")
    assert list(report.completed_services.values_list("service_id", flat=True)) == [pads]
    progress_validate(progress_id=report.pk, admin=admin)
    assert Booking.objects.get(pk=booking.pk).status == "completed"


def test_each_job_page_hints_what_to_write_for_that_job(booking, admin, mechanic):
    client = signed_in(mechanic)
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    pickup = client.get(f"/portal/mechanic/jobs/{job_of(booking, 'pickup').pk}/").content.decode()
    assert "Record the car as you take it over" in pickup and "hand it back" not in pickup

    path = DOORSTEP_PATH["in-progress"]
    booking_steps(booking=booking, steps=path[len(DOORSTEP_PATH["pickup"]):], admin=admin, mechanic=mechanic)
    service = client.get(f"/portal/mechanic/jobs/{job_of(booking, 'service').pk}/").content.decode()
    assert "What was done or found on the job" in service
    assert "Scratches" not in service and "fuel level" not in service and "keys" not in service

    booking_steps(booking=booking, steps=DOORSTEP_PATH["out-for-delivery"][len(path):], admin=admin, mechanic=mechanic)
    drop = job_of(booking, "drop")
    client.post(f"/portal/mechanic/jobs/{drop.pk}/collect/", {"mode": "cash"}, **HTMX)
    handing_back = client.get(f"/portal/mechanic/jobs/{drop.pk}/").content.decode()
    assert "Record the car as you hand it back" in handing_back and "take it over" not in handing_back


def test_the_drop_mechanic_collects_cash_before_handing_the_car_back(booking, admin, mechanic):
    booking_drive(booking=booking, to="out-for-delivery", admin=admin, mechanic=mechanic)
    job = job_of(booking, "drop")
    client = signed_in(mechanic)
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Collect ₹1180.00 before handing the car back" in page
    early = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "Keys handed over"}, **HTMX)
    assert early.status_code == 422 and "Collect the payment due" in early.content.decode()
    client.post(f"/portal/mechanic/jobs/{job.pk}/collect/", {"mode": "cash"}, **HTMX)
    assert Payment.objects.get(booking=booking, purpose="delivery").status == "paid"
    assert "Collect ₹" not in client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    hand_over_on_tablet(client, job, booking, odometer_km="42400")
    delivered = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "Keys handed over"}, **HTMX)
    assert delivered["HX-Redirect"] == "/portal/mechanic/"
    assert Booking.objects.get(pk=booking.pk).status == "delivered"


def test_paying_at_the_door_shows_a_qr_and_the_page_follows_the_payment(booking, admin, mechanic, customer,
                                                                        settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    booking_drive(booking=booking, to="out-for-delivery", admin=admin, mechanic=mechanic)
    job = job_of(booking, "drop")
    client = signed_in(mechanic)
    client.post(f"/portal/mechanic/jobs/{job.pk}/collect/", {"mode": "online"}, **HTMX)
    payment = Payment.objects.get(booking=booking, purpose="delivery")
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert f"/portal/payments/checkout/{payment.gateway_order_id}/qr/" in page
    qr = client.get(f"/portal/payments/checkout/{payment.gateway_order_id}/qr/")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert client.get(f"/portal/mechanic/jobs/{job.pk}/payment/", **HTMX).status_code == 204  # still due
    signed_in(customer).post(f"/portal/payments/checkout/{payment.gateway_order_id}/", {"outcome": "pay"})
    assert client.get(f"/portal/mechanic/jobs/{job.pk}/payment/", **HTMX)["HX-Refresh"] == "true"


def test_history_shows_finished_jobs_and_the_score(booking, admin, mechanic):
    booking_drive(booking=booking, to="completed", admin=admin, mechanic=mechanic)
    page = signed_in(mechanic).get("/portal/mechanic/history/").content.decode()
    mechanic.mechanic_profile.refresh_from_db()
    assert f'id="score">{mechanic.mechanic_profile.score}<' in page and mechanic.mechanic_profile.score > 0
    assert f"Analysis · #{booking.pk}" in page and f"Pickup · #{booking.pk}" in page


def test_the_handover_code_works_once_and_wrong_codes_run_out(booking, admin, mechanic, other_mechanic):
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = job_of(booking, "pickup")
    client = signed_in(mechanic)
    no_photo = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/", {"odometer_km": "100", "fuel_level": "full"},
                           **HTMX)
    assert no_photo.status_code == 422 and "at least one photo" in no_photo.content.decode()
    report = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "Collected"}, **HTMX)
    assert report.status_code == 422 and "enter the customer&#x27;s code first" in report.content.decode()

    client.post(f"/portal/mechanic/jobs/{job.pk}/handover/", {"odometer_km": "100", "fuel_level": "full",
                                                              "photos": [photo()]}, **HTMX)
    right = emailed_code(booking)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1):
        attempt = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/", {"code": wrong}, **HTMX)
        assert attempt.status_code == 422 and f"{left} tr" in attempt.content.decode()
    client.post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/", {"code": wrong}, **HTMX)
    used_up = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/", {"code": right}, **HTMX)
    assert "Too many wrong codes" in used_up.content.decode()  # even the right code: guessing is capped
    assert CustodyRecord.objects.get().handed_over_at is None
    assert signed_in(other_mechanic).post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/",
                                          {"code": right}, **HTMX).status_code == 404

    hand_over_on_tablet(client, job, booking)  # recorded again: a new code, and it works
    again = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/confirm/", {"code": emailed_code(booking)}, **HTMX)
    assert again["HX-Redirect"] == f"/portal/mechanic/jobs/{job.pk}/"
    assert "already confirmed; a code works once" in client.get(again["HX-Redirect"]).content.decode()


def test_the_analysis_refuses_a_price_that_is_not_rupees_beside_its_field(booking, admin, mechanic):
    booking_drive(booking=booking, to="analysis", admin=admin, mechanic=mechanic)
    job = job_of(booking, "analysis")
    pads = booking.services.get().service
    refused = signed_in(mechanic).post(f"/portal/mechanic/jobs/{job.pk}/", {
        "description": "Pads at 2 mm", f"price_{pads.pk}": "12.345", "photos": [photo()]}, **HTMX)
    assert refused.status_code == 422
    assert refused.context["form"].errors == {f"price_{pads.pk}": [money.PRICE_ERROR]}
    assert not Analysis.objects.exists() and Booking.objects.get(pk=booking.pk).status == "analysis"
