"""The whole booking path through the API alone, for doorstep and self pickup."""

from decimal import Decimal

import pytest

from bookings.models import BookingEvent
from bookings.tests.flow import BookingFlow
from conftest import client_for
from notifications.models import Notification
from workshop.models import Assignment, MechanicProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(customer, admin, mechanic):
    return BookingFlow(customer=customer, admin=admin, mechanic=mechanic)


def score(mechanic) -> int:
    return MechanicProfile.objects.get(user=mechanic).score


def test_doorstep_booking_from_booked_to_delivered(flow, customer, mechanic, other_mechanic, handover_code_required):
    created = flow.create("doorstep")
    assert created["status"] == "booked"
    assert [(s["title"], s["quantity"], s["estimated_price"]) for s in created["booked_services"]] == [
        (flow.services[0].title, 1, "1000.00"), (flow.services[1].title, 2, "3000.00")]
    assert created["totals"] == {"subtotal": "7000.00", "gst_percent": "18.00", "gst": "1260.00", "total": "8260.00"}

    assert flow.ok(flow.assign("pickup"), 201)["type"] == "pickup"
    assert flow.booking.status == "pickup"
    progress = flow.ok(flow.report("received", notes="Collected from the gate"), 201)
    assert (progress["booking_id"], progress["status"], progress["updated_by"]) == (
        flow.booking_id, "received", mechanic.public_id)
    assert set(progress) >= {"id", "booking_id", "status", "updated_by", "timestamp"}
    assert flow.booking.status == "received"
    flow.ok(flow.validate_latest_progress())
    assert score(mechanic) == 2

    flow.ok(flow.assign("analysis"), 201)
    assert flow.booking.status == "analysis"
    flow.ok(flow.analyse(), 201)
    assert flow.booking.status == "analysed"
    refused = flow.confirm()
    assert refused.status_code == 409  # the quote is not validated yet
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    assert score(mechanic) == 5

    detail = flow.ok(flow.confirm(service_ids=[flow.services[0].pk, flow.services[1].pk, flow.extra.pk]))
    assert detail["status"] == "in-progress"
    assert detail["payment_method"] == "cod"
    # 1100 + 2 × 2900 + 450 = 7350; GST 18% = 1323.00
    assert detail["totals"] == {"subtotal": "7350.00", "gst_percent": "18.00", "gst": "1323.00", "total": "8673.00"}

    flow.ok(flow.assign("service", other_mechanic), 201)
    worker = client_for(other_mechanic)
    flow.ok(flow.report("in-progress", mechanic_api=worker, completed_service_ids=[flow.services[0].pk]), 201)
    waiting = flow.report("in-progress", mechanic_api=worker, completed_service_ids=[flow.services[1].pk])
    assert waiting.status_code == 409  # the previous entry awaits validation
    flow.ok(flow.validate_latest_progress())
    assert flow.booking.status == "in-progress" and score(other_mechanic) == 2
    flow.ok(flow.report("in-progress", mechanic_api=worker,
                        completed_service_ids=[flow.services[1].pk, flow.extra.pk]), 201)
    flow.ok(flow.validate_latest_progress())
    assert flow.booking.status == "completed" and score(other_mechanic) == 2 + 4 + 1

    flow.ok(flow.assign("drop"), 201)
    assert flow.booking.status == "out-for-delivery"
    unpaid = flow.report("delivered", notes="Handed the keys to the owner")
    assert unpaid.status_code == 409 and "Collect the payment" in unpaid.json()["detail"]
    cash = flow.ok(flow.mechanic_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {"mode": "cash"},
                                          format="json"), 201)
    assert (cash["method"], cash["status"], cash["amount"]) == ("cash", "paid", "8673.00")
    flow.ok(flow.report("delivered", notes="Handed the keys to the owner"), 201)
    assert flow.booking.status == "delivered"
    flow.ok(flow.validate_latest_progress())
    assert score(mechanic) == 7
    assert not Assignment.objects.filter(booking_id=flow.booking_id, closed_at__isnull=True).exists()

    final = flow.ok(flow.customer_api.get(f"/bookings/{flow.booking_id}"))
    moves = [(e["from_status"], e["to_status"]) for e in final["timeline"] if e["from_status"] != e["to_status"]]
    # Condensed for the customer: received shows as pickup, analysed as analysis, out-for-delivery as completed.
    assert moves == [("", "booked"), ("booked", "pickup"), ("pickup", "analysis"), ("analysis", "in-progress"),
                     ("in-progress", "completed"), ("completed", "delivered")]
    # One message per timeline entry, plus the invoice for the cash collected and the two handover codes.
    messages = Notification.objects.filter(recipient=customer, booking_id=flow.booking_id)
    categories = list(messages.values_list("category", flat=True))
    codes = messages.filter(subject__startswith="Your handover code").count()
    assert codes == 2 and len(categories) == len(final["timeline"]) + 1 + codes and categories.count("invoice") == 1
    assert final["invoice"]["number"].startswith("INV-")


def test_self_pickup_booking_from_booked_to_delivered(flow, mechanic):
    flow.create("self")
    assert flow.assign("pickup").status_code == 409  # nobody collects a car the customer brings
    flow.ok(flow.admin_api.post(f"/bookings/admin/check-in/{flow.booking_id}"))
    assert flow.booking.status == "received" and flow.booking.received_at is not None
    flow.ok(flow.assign("analysis"), 201)
    flow.ok(flow.analyse(recommend=False), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk]))
    flow.ok(flow.assign("service"), 201)
    flow.ok(flow.report("in-progress", service_id=flow.services[0].pk, notes="Pads replaced"), 201)
    flow.ok(flow.validate_latest_progress())
    assert flow.booking.status == "completed"  # the rejected service does not hold it back
    assert flow.assign("drop").status_code == 409
    assert flow.admin_api.post(f"/bookings/admin/check-out/{flow.booking_id}").status_code == 409  # unpaid
    flow.ok(flow.admin_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {"mode": "cash"}, format="json"), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/check-out/{flow.booking_id}"))
    assert flow.booking.status == "delivered"
    assert score(mechanic) == 3 + 2


def test_customer_list_shows_condensed_statuses_and_filters(flow):
    flow.to_received()
    listed = flow.ok(flow.customer_api.get("/bookings/customer"))["results"]
    assert [row["status"] for row in listed] == ["pickup"]  # received is shown as pickup
    assert flow.ok(flow.customer_api.get("/bookings/customer?status=pickup"))["count"] == 1
    assert flow.ok(flow.customer_api.get("/bookings/customer?status=booked"))["count"] == 0
    assert flow.customer_api.get("/bookings/customer?status=received").status_code == 422
    staff_view = flow.ok(flow.admin_api.get(f"/bookings/{flow.booking_id}"))
    assert staff_view["status"] == "received"


def test_mechanic_assignments_list_current_first(flow, mechanic):
    flow.to_received()
    flow.ok(flow.assign("analysis"), 201)
    cards = flow.ok(flow.mechanic_api.get("/bookings/mechanic/assignments"))["results"]
    assert [(card["type"], card["closed_at"] is None) for card in cards] == [("analysis", True), ("pickup", False)]
    assert cards[0]["customer_phone"] == flow.customer.phone
    assert cards[1]["address"].startswith(flow.address.line1)  # the street as booked, without the label
    open_only = flow.ok(flow.mechanic_api.get("/bookings/mechanic/assignments?open=true"))["results"]
    assert [card["type"] for card in open_only] == ["analysis"]


def test_timeline_records_who_made_each_move(flow, admin, mechanic):
    flow.to_received()
    events = list(BookingEvent.objects.filter(booking_id=flow.booking_id).values_list("to_status", "actor"))
    assert events == [("booked", flow.customer.pk), ("pickup", admin.pk), ("pickup", mechanic.pk),  # the handover
                      ("received", mechanic.pk)]


def test_admin_books_for_a_walk_in_customer_and_a_customer_cannot_book_for_another(flow, other_customer):
    body = {"customer_id": flow.customer.public_id}
    flow.customer_api, customer_api = flow.admin_api, flow.customer_api
    created = flow.create("self", **body)
    assert created["customer"]["id"] == flow.customer.public_id
    flow.customer_api = client_for(other_customer)
    stranger = flow.customer_api.post("/bookings/", {**body, "vehicle_id": flow.car.pk, "pickup_type": "self",
                                                     "timeslot_id": 1, "pickup_date": "2030-01-01",
                                                     "drop_date": "2030-01-03", "services": [
                                                         {"service_id": flow.services[0].pk}]}, format="json")
    assert stranger.status_code == 403
    assert customer_api.get(f"/bookings/{flow.booking_id}").status_code == 200


def test_analysis_must_quote_every_booked_service(flow):
    flow.to_received()
    flow.ok(flow.assign("analysis"), 201)
    response = flow.mechanic_api.post("/bookings/mechanic/analysis", {
        "booking_id": flow.booking_id, "description": "Looked at it",
        "quotes": [{"service_id": flow.services[0].pk, "price": "1000"}]}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "quotes"
    assert flow.booking.status == "analysis"


def test_validated_work_is_frozen(flow):
    flow.to_analysed()
    edit = flow.admin_api.put(f"/bookings/admin/analysis/{flow.booking_id}", {"description": "Changed"},
                              format="json")
    assert edit.status_code == 409
    progress_id = flow.booking.progress_entries.get().pk
    assert flow.admin_api.put(f"/bookings/admin/progress/{progress_id}", {"notes": "x"},
                              format="json").status_code == 409
    assert flow.admin_api.post(f"/bookings/admin/progress/{progress_id}/validate").status_code == 409


def test_admin_edits_an_analysis_before_validating_it(flow):
    flow.to_analysed(validate=False)
    edited = flow.admin_api.put(f"/bookings/admin/analysis/{flow.booking_id}", {
        "description": "Pads at 1 mm", "quotes": [{"service_id": flow.services[0].pk, "price": "999.50"}]},
        format="json")
    assert flow.ok(edited)["description"] == "Pads at 1 mm"
    prices = {row.service_id: row.quoted_price for row in flow.booking.services.all()}
    assert prices[flow.services[0].pk] == Decimal("999.50")


def test_assignment_rules(flow, mechanic, other_mechanic):
    MechanicProfile.objects.filter(user=other_mechanic).update(can_analyse=False, can_pickup_drop=False)
    flow.create("doorstep")
    unqualified = flow.assign("pickup", other_mechanic)
    assert unqualified.status_code == 400 and "not qualified for pickup" in unqualified.json()["detail"]
    flow.ok(flow.assign("pickup"), 201)
    still_open = flow.assign("pickup")
    assert still_open.status_code == 409 and "still open" in still_open.json()["detail"]
    flow.ok(flow.report("received"), 201)
    awaiting = flow.assign("analysis")
    assert awaiting.status_code == 409 and "awaits validation" in awaiting.json()["detail"]
    flow.ok(flow.validate_latest_progress())
    assert flow.assign("analysis", other_mechanic).status_code == 400
    flow.ok(flow.assign("analysis"), 201)


def test_only_the_current_assignees_report_counts(flow, other_mechanic):
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    intruder = flow.report("received", mechanic_api=client_for(other_mechanic))
    assert intruder.status_code == 404  # never assigned: the booking does not exist for them
    wrong_step = flow.report("delivered")
    assert wrong_step.status_code == 409 and "reports 'received'" in wrong_step.json()["detail"]
    assert flow.booking.status == "pickup"


def test_suggestions_rank_qualified_mechanics_by_load_then_score(flow, mechanic, other_mechanic, admin):
    MechanicProfile.objects.filter(user=other_mechanic).update(score=50)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)  # mechanic now has an open assignment
    ranked = flow.ok(flow.admin_api.get(f"/bookings/admin/assign/{flow.booking_id}/suggestions?assignment_type=drop"))
    assert [row["id"] for row in ranked["results"]] == [other_mechanic.public_id, mechanic.public_id]
    assert ranked["results"][1]["open_assignments"] == 1
