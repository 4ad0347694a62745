"""Analysis and progress photos: real images only, at most five, stored with the entry."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from bookings.tests.flow import BookingFlow
from workshop.models import AnalysisImage, ProgressImage

pytestmark = pytest.mark.django_db


def photo(name="pads.jpg", colour=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def flow(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_received()
    flow.ok(flow.assign("analysis"), 201)
    return flow


def analysis_form(flow, images):
    quotes = [{"service_id": s.pk, "price": "1000.00"} for s in flow.services]
    return flow.mechanic_api.post("/bookings/mechanic/analysis", {
        "booking_id": flow.booking_id, "description": "Worn pads", "quotes": json.dumps(quotes),
        "images": images}, format="multipart")


def test_analysis_with_photos_from_the_tablet(flow):
    response = analysis_form(flow, [photo("front.jpg"), photo("rear.jpg", (10, 10, 200))])
    assert response.status_code == 201, response.content
    assert len(response.json()["images"]) == 2
    assert AnalysisImage.objects.count() == 2
    assert flow.booking.status == "analysed"


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(flow):
    fake = SimpleUploadedFile("pads.jpg", b"%PDF-1.4 not really a photo", content_type="image/jpeg")
    response = analysis_form(flow, [fake])
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith("images")
    assert flow.booking.status == "analysis" and AnalysisImage.objects.count() == 0


def test_more_than_five_photos_are_refused(flow):
    response = analysis_form(flow, [photo(f"{n}.jpg") for n in range(6)])
    assert response.status_code == 422
    assert flow.booking.status == "analysis"


def test_progress_with_a_photo(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    flow.hand_over()
    response = flow.mechanic_api.post("/bookings/mechanic/progress", {
        "booking_id": flow.booking_id, "status": "received", "notes": "Scratch on the bumper",
        "images": [photo("bumper.jpg")]}, format="multipart")
    assert response.status_code == 201, response.content
    link = response.json()["images"][0]
    assert ProgressImage.objects.count() == 1 and link.startswith("http://testserver/bookings/photos/progress/")
    assert flow.mechanic_api.get(link)["Content-Type"] == "image/jpeg"


def test_the_customer_sees_the_inspection_photos_and_nobody_else_does(flow, customer, other_customer, mechanic):
    assert analysis_form(flow, [photo("front.jpg")]).status_code == 201
    image = AnalysisImage.objects.get()
    owner = Client()
    owner.force_login(customer)
    page = owner.get(f"/portal/customer/bookings/{flow.booking_id}/").content.decode()
    assert f"/portal/photos/analysis/{image.pk}/" in page and 'alt="Inspection photo 1"' in page
    served = owner.get(f"/portal/photos/analysis/{image.pk}/")
    assert served.status_code == 200 and b"".join(served.streaming_content)[:2] == b"\xff\xd8"  # a JPEG
    stranger = Client()
    stranger.force_login(other_customer)
    assert stranger.get(f"/portal/photos/analysis/{image.pk}/").status_code == 404
    assert Client().get(f"/portal/photos/analysis/{image.pk}/").status_code == 302  # to sign in
    analyst = Client()
    analyst.force_login(mechanic)
    assert analyst.get(f"/portal/photos/analysis/{image.pk}/").status_code == 200  # assigned to the booking
    assert owner.get(f"/portal/photos/elsewhere/{image.pk}/").status_code == 404


def test_an_analysis_refused_for_a_missing_quote_leaves_no_photo_in_storage(flow, settings):
    quotes = [{"service_id": flow.services[0].pk, "price": "1000.00"}]  # the second booked service unpriced
    response = flow.mechanic_api.post("/bookings/mechanic/analysis", {
        "booking_id": flow.booking_id, "description": "Worn pads", "quotes": json.dumps(quotes),
        "images": [photo("front.jpg")]}, format="multipart")
    assert response.status_code in (400, 409, 422), response.content
    folder = settings.MEDIA_ROOT / "analysis"  # (the pickup's handover photos live beside it, in custody/)
    stored = [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
    assert stored == [] and AnalysisImage.objects.count() == 0 and flow.booking.status == "analysis"
