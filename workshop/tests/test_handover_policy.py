"""Whether the doorstep handover needs the customer's emailed code is the garage's policy, off in a fresh
install. Off: the API contract's progress sample moves a doorstep booking from pickup to received and from
out-for-delivery to delivered, and the tablet offers the handover record as recommended. On: the report
waits for the code, and the 409 names the call to make."""

import pytest
from django.test import Client

from bookings.models import BookingEvent
from bookings.tests.flow import BookingFlow, status_id
from catalogue.tests.factories import ServiceFactory
from frontdesk.demo import booking_drive, booking_new, walkround_photo
from garage.selectors import garage_settings_get
from garage.services import garage_settings_update
from garage.tests.factories import AddressFactory, CustomerCarFactory
from notifications.models import Notification
from workshop.models import CustodyRecord, Progress

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def flow(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    return flow


def contract_sample(flow, status: str, notes: str):
    """`POST /bookings/mechanic/progress` exactly as the API contract shows it."""
    return flow.mechanic_api.post("/bookings/mechanic/progress", {
        "booking_id": flow.booking_id, "service_id": flow.services[0].pk, "status_id": status_id(status),
        "notes": notes}, format="json")


def handover_codes_sent(flow) -> int:
    return Notification.objects.filter(booking_id=flow.booking_id, subject__startswith="Your handover code").count()


def test_a_fresh_install_asks_for_no_handover_code():
    assert garage_settings_get().handover_code_required is False


def test_the_contracts_progress_sample_takes_a_doorstep_booking_from_pickup_to_delivered(flow, other_mechanic):
    received = flow.ok(contract_sample(flow, "received", "Engine diagnostics completed"), 201)
    assert (received["booking_id"], received["status"]) == (flow.booking_id, "received")
    assert flow.booking.status == "received"
    flow.ok(flow.validate_latest_progress())

    flow.ok(flow.assign("analysis"), 201)
    flow.ok(flow.analyse(), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm())
    flow.ok(flow.assign("service"), 201)
    flow.ok(flow.report("in-progress", completed_service_ids=[service.pk for service in flow.services]), 201)
    flow.ok(flow.validate_latest_progress())
    flow.ok(flow.assign("drop"), 201)
    flow.ok(flow.mechanic_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {"mode": "cash"},
                                   format="json"), 201)
    assert flow.booking.status == "out-for-delivery"

    delivered = flow.ok(contract_sample(flow, "delivered", "Keys handed to the owner"), 201)
    assert delivered["status"] == "delivered" and flow.booking.status == "delivered"
    assert not CustodyRecord.objects.exists() and handover_codes_sent(flow) == 0


def test_off_the_record_is_optional_sends_no_code_and_the_customer_hears_of_it(flow):
    recorded = flow.mechanic_api.post("/bookings/mechanic/custody", {
        "booking_id": flow.booking_id, "odometer_km": 42310, "fuel_level": "half",
        "images": [walkround_photo()]}, format="multipart")
    assert recorded.status_code == 201 and recorded.json()["handed_over_at"] is None
    assert handover_codes_sent(flow) == 0
    update = Notification.objects.filter(booking_id=flow.booking_id, recipient=flow.customer).latest("id")
    assert "42310 km" in update.body_text  # the timeline tells the customer what was recorded
    pointless = flow.mechanic_api.post("/bookings/mechanic/custody/confirm",
                                       {"booking_id": flow.booking_id, "code": "123456"}, format="json")
    assert pointless.status_code == 409 and "POST /bookings/mechanic/progress" in pointless.json()["detail"]
    assert CustodyRecord.objects.get().code_attempts == 0

    garage_settings_update(handover_code_required=True, updated_by=None)  # switched on before the report
    no_code = flow.mechanic_api.post("/bookings/mechanic/custody/confirm",
                                     {"booking_id": flow.booking_id, "code": "123456"}, format="json")
    assert no_code.status_code == 409 and "Record the handover again" in no_code.json()["detail"]
    assert contract_sample(flow, "received", "Car collected").status_code == 409


def test_on_the_report_waits_for_the_code_and_the_409_names_the_call_to_make(flow, handover_code_required):
    before = BookingEvent.objects.filter(booking_id=flow.booking_id).count()
    unrecorded = contract_sample(flow, "received", "Car collected")
    assert unrecorded.status_code == 409
    assert "POST /bookings/mechanic/custody to record it" in unrecorded.json()["detail"]
    assert flow.booking.status == "pickup" and not Progress.objects.exists()
    assert BookingEvent.objects.filter(booking_id=flow.booking_id).count() == before

    flow.mechanic_api.post("/bookings/mechanic/custody", {
        "booking_id": flow.booking_id, "odometer_km": 42310, "fuel_level": "half",
        "images": [walkround_photo()]}, format="multipart")
    unconfirmed = contract_sample(flow, "received", "Car collected")
    assert unconfirmed.status_code == 409
    assert "POST /bookings/mechanic/custody/confirm" in unconfirmed.json()["detail"]
    assert flow.booking.status == "pickup" and not Progress.objects.exists()

    flow.ok(flow.mechanic_api.post("/bookings/mechanic/custody/confirm",
                                   {"booking_id": flow.booking_id, "code": flow.handover_code()}, format="json"))
    flow.ok(contract_sample(flow, "received", "Car collected"), 201)
    assert flow.booking.status == "received"


@pytest.fixture
def at_pickup(customer, admin, mechanic):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)
    job = booking.assignments.get(assignment_type__kind="pickup")
    client = Client()
    client.force_login(mechanic)
    return booking, job, client


def test_off_the_tablet_recommends_the_handover_and_reports_without_it(at_pickup):
    booking, job, client = at_pickup
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Recommended" in page and "Record the car" in page and "Record and send the code" not in page
    assert "Car received</button>" in page  # the report is not held back
    recorded = client.post(f"/portal/mechanic/jobs/{job.pk}/handover/", {
        "odometer_km": "42310", "fuel_level": "half", "photos": [walkround_photo()]}, **HTMX)
    assert recorded["HX-Redirect"] == f"/portal/mechanic/jobs/{job.pk}/"
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "42310 km" in page and "Customer's code" not in page and "Car received</button>" in page
    reported = client.post(f"/portal/mechanic/jobs/{job.pk}/", {"notes": "Collected"}, **HTMX)
    assert reported["HX-Redirect"] == "/portal/mechanic/"
    booking.refresh_from_db()
    assert booking.status == "received"


def test_on_the_tablet_holds_the_report_until_the_code(at_pickup, handover_code_required):
    _booking, job, client = at_pickup
    page = client.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Record and send the code" in page and "Car received</button>" not in page and "Recommended" not in page
