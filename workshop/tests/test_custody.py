"""Chain of custody at the doorstep: odometer, fuel and a photo walk-round at pickup and drop; the car
changes hands only with the customer's one-time code, which works once, expires and cannot be guessed;
the customer sees the records, can question them, and the readings join the car's history."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bookings.tests.flow import BookingFlow
from conftest import client_for
from frontdesk.demo import walkround_photo
from workshop.models import CustodyRecord
from workshop.services.custody import CODE_LIFETIME

# The garage asks for the customer's code (off in a fresh install; see test_handover_policy.py for that).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handover_code_required")]


@pytest.fixture
def at_pickup(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    return flow


def record(flow, api=None, **fields):
    body = {"booking_id": flow.booking_id, "odometer_km": 42310, "fuel_level": "quarter",
            "notes": "Scratch on the rear bumper",
            "images": [walkround_photo("front.jpg"), walkround_photo("back.jpg")], **fields}
    return (api or flow.mechanic_api).post("/bookings/mechanic/custody", body, format="multipart")


def confirm(flow, code, api=None):
    return (api or flow.mechanic_api).post("/bookings/mechanic/custody/confirm",
                                           {"booking_id": flow.booking_id, "code": code}, format="json")


def test_the_car_is_received_only_after_the_customers_code(at_pickup, customer):
    flow = at_pickup
    early = flow.report("received", handover=False)
    assert early.status_code == 409 and "customer's code" in early.json()["detail"]

    recorded = record(flow)
    assert recorded.status_code == 201, recorded.content
    body = recorded.json()
    assert (body["odometer_km"], body["fuel_level"], body["handed_over_at"], len(body["photos"])) == (
        42310, "quarter", None, 2)
    code = flow.handover_code()
    assert code not in {str(value) for value in body.values()}  # it goes to the customer's email, not the answer
    assert confirm(flow, code).json()["handed_over_at"] is not None
    flow.ok(flow.report("received", handover=False, notes="Car collected"), 201)

    detail = flow.customer_api.get(f"/bookings/{flow.booking_id}").json()
    (pickup,) = detail["custody"]
    assert pickup["stage"] == "pickup" and pickup["handed_over_at"] and len(pickup["photos"]) == 2
    assert flow.customer_api.get(pickup["photos"][0])["Content-Type"] == "image/jpeg"
    assert CustodyRecord.objects.get().code_digest != code  # kept only as a digest


def test_a_code_works_once_expires_and_wrong_guesses_run_out(at_pickup):
    flow = at_pickup
    record(flow)
    code = flow.handover_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    answers = [confirm(flow, wrong) for _ in range(5)]
    assert [a.status_code for a in answers] == [422] * 5
    assert answers[0].json()["detail"][0]["message"] == "That code is not right; 4 tries left."
    assert confirm(flow, code).status_code == 409  # out of tries: even the right code is refused
    assert confirm(flow, "12ab56").status_code == 422  # not six digits: refused before it counts

    record(flow, odometer_km=42311)  # recorded again: a new code, fresh tries
    fresh = flow.handover_code()
    CustodyRecord.objects.update(code_sent_at=timezone.now() - CODE_LIFETIME - datetime.timedelta(seconds=1))
    assert "expired" in confirm(flow, fresh).json()["detail"]
    record(flow)
    newest = flow.handover_code()
    assert confirm(flow, newest).status_code == 200
    assert "works once" in confirm(flow, newest).json()["detail"]
    assert record(flow).status_code == 409  # a confirmed handover is not re-recorded


def test_only_the_assigned_mechanic_records_and_a_photo_is_required(at_pickup, other_mechanic, customer):
    flow = at_pickup
    assert record(flow, api=client_for(other_mechanic)).status_code == 404
    assert record(flow, api=client_for(customer)).status_code == 403
    no_photos = record(flow, images=[])
    assert no_photos.status_code == 422 and no_photos.json()["detail"][0]["field"] == "images"
    assert record(flow, fuel_level="overflowing").status_code == 422
    assert not CustodyRecord.objects.exists()


def test_the_drop_reading_cannot_go_backwards_and_readings_join_the_history(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_completed()
    flow.ok(flow.assign("drop"), 201)
    flow.ok(flow.mechanic_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {"mode": "cash"},
                                   format="json"), 201)
    backwards = record(flow, odometer_km=100)
    assert backwards.status_code == 422 and "Lower than at pickup (42310 km)" in str(backwards.json())
    flow.ok(record(flow, odometer_km=42390), 201)
    flow.ok(confirm(flow, flow.handover_code()))
    flow.ok(flow.report("delivered", handover=False), 201)

    history = flow.customer_api.get(f"/car/{flow.car.pk}/history").json()
    assert [(r["stage"], r["odometer_km"]) for r in history["odometer_readings"]] == [("drop", 42390),
                                                                                      ("pickup", 42310)]


def test_the_customer_sees_the_handover_and_can_question_it(at_pickup, customer, other_customer, admin):
    flow = at_pickup
    flow.hand_over()
    portal = Client()
    portal.force_login(customer)
    page = portal.get(f"/portal/customer/bookings/{flow.booking_id}/").content.decode()
    assert "Pickup handover · 42310 km · fuel ½" in page and "confirmed with your code" in page
    assert "Pickup walk-round photo 1" in page

    portal.post(f"/portal/customer/bookings/{flow.booking_id}/custody/pickup/dispute/",
                {"note": "There was no scratch on the bumper"})
    record_row = CustodyRecord.objects.get()
    assert record_row.disputed_at and record_row.dispute_note == "There was no scratch on the bumper"
    assert "questions the pickup record" in flow.booking.events.last().note
    again = flow.customer_api.put(f"/bookings/{flow.booking_id}/custody/pickup/dispute",
                                  {"note": "And another thing"}, format="json")
    assert again.status_code == 409
    assert client_for(other_customer).put(f"/bookings/{flow.booking_id}/custody/pickup/dispute",
                                          {"note": "Not my car"}, format="json").status_code == 404
    desk = Client()
    desk.force_login(admin)
    assert "Questioned" in desk.get(f"/portal/desk/bookings/{flow.booking_id}/").content.decode()


def test_the_desk_reads_the_handover_as_confirmed_with_the_customers_code(at_pickup, admin):
    at_pickup.hand_over()
    desk = Client()
    desk.force_login(admin)
    page = desk.get(f"/portal/desk/bookings/{at_pickup.booking_id}/").content.decode()
    assert "confirmed with the customer's code at" in page and "your code" not in page


def test_a_question_needs_a_few_words_and_changes_nothing_without_them(at_pickup, customer):
    flow = at_pickup
    flow.hand_over()
    portal = Client()
    portal.force_login(customer)
    page = portal.post(f"/portal/customer/bookings/{flow.booking_id}/custody/pickup/dispute/", {"note": "no"},
                       follow=True).content.decode()
    assert "Say in a few words what does not match" in page
    assert CustodyRecord.objects.get().disputed_at is None
