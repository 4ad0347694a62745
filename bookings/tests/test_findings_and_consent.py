"""Inspection findings with photo evidence, and consent line by line: every decision kept with who,
when, how and the price seen; a price changed after approval blocks work on that line until the
customer answers again."""

import json
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from bookings.models import BookedService, LineDecision
from bookings.tests.flow import BookingFlow
from catalogue.tests.factories import ServiceFactory
from conftest import client_for
from workshop.models import Finding
from workshop.tests.test_photos import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_analysed(validate=False)
    return flow


def add_finding(flow, api=None, **fields):
    body = {"booking_id": flow.booking_id, "severity": "urgent", "note": "Front pads at 2 mm; discs scored.",
            **fields}
    return (api or flow.mechanic_api).post("/bookings/mechanic/findings", body, format="multipart")


def line(flow, service) -> BookedService:
    return flow.booking.services.get(service=service)


def test_the_mechanic_records_findings_with_photos_and_the_fixing_line(flow, customer, other_customer):
    pads = add_finding(flow, service_id=flow.services[0].pk, price="1250.00",
                       images=[photo("front-left.jpg"), photo("front-right.jpg", (20, 20, 200))])
    assert pads.status_code == 201, pads.content
    assert pads.json()["quoted_price"] == "1250.00" and len(pads.json()["images"]) == 2
    assert line(flow, flow.services[0]).quoted_price == Decimal("1250.00")

    wipers = ServiceFactory(title="Wiper Blade Replacement", price=300)
    added = add_finding(flow, severity="soon", note="Wipers smear the screen.", service_id=wipers.pk, price="350",
                        due_km=42000)
    assert added.status_code == 201, added.content
    extra = line(flow, wipers)
    assert extra.is_recommended and extra.quoted_price == Decimal("350.00") and extra.status == "booked"
    assert add_finding(flow, severity="fine", note="Tyres have 5 mm of tread left.").status_code == 201

    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    detail = flow.customer_api.get(f"/bookings/{flow.booking_id}").json()
    findings = detail["analysis"]["findings"]
    assert [(f["severity"], f["service_title"], f["due_km"]) for f in findings] == [
        ("urgent", flow.services[0].title, None), ("soon", "Wiper Blade Replacement", 42000), ("fine", None, None)]

    link = findings[0]["images"][0]
    assert link.startswith("http://testserver/bookings/photos/finding/")
    shown = flow.customer_api.get(link)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert client_for(other_customer).get(link).status_code == 404
    assert APIClient().get(link).status_code == 401


def test_findings_are_refused_when_they_would_be_wrong_and_nothing_is_saved(flow, admin, other_mechanic):
    new_service = ServiceFactory(price=400)
    no_price = add_finding(flow, service_id=new_service.pk)
    assert no_price.status_code == 422 and no_price.json()["detail"][0]["field"] == "price"
    assert add_finding(flow, severity="critical").status_code == 422
    not_an_image = add_finding(flow, images=[photo("x.jpg").__class__("x.jpg", b"%PDF-1.4", "image/jpeg")])
    assert not_an_image.status_code == 422
    assert add_finding(flow, api=client_for(other_mechanic)).status_code == 404
    assert Finding.objects.count() == 0 and not flow.booking.services.filter(service=new_service).exists()

    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    assert add_finding(flow).status_code == 409  # the approved analysis is frozen


def test_a_finding_can_be_taken_back_until_the_analysis_is_approved(flow):
    finding_id = flow.ok(add_finding(flow), 201)["id"]
    assert flow.mechanic_api.delete(f"/bookings/mechanic/findings/{finding_id}").status_code == 204
    second = flow.ok(add_finding(flow), 201)["id"]
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    assert flow.admin_api.delete(f"/bookings/admin/findings/{second}").status_code == 409
    assert Finding.objects.filter(pk=second).exists()


def test_confirming_records_every_decision_with_who_when_how_and_the_price_seen(flow, customer):
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk]))

    detail = flow.customer_api.get(f"/bookings/{flow.booking_id}").json()
    decided = {row["service_id"]: row["decisions"] for row in detail["booked_services"]}
    assert decided[flow.services[0].pk] == [
        {"approved": True, "unit_price": "1100.00", "quantity": 1, "channel": "api", "by": customer.public_id,
         "at": decided[flow.services[0].pk][0]["at"]}]
    assert decided[flow.services[1].pk][0]["approved"] is False
    assert decided[flow.extra.pk][0] | {"at": None} == {"approved": False, "unit_price": "450.00", "quantity": 1,
                                                        "channel": "api", "by": customer.public_id, "at": None}


def test_a_price_changed_after_approval_blocks_that_work_until_the_customer_approves_again(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_in_progress()
    pads, discs = flow.services
    repriced = flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{pads.pk}/price", {"price": "1400"},
                                  format="json")
    assert repriced.status_code == 200, repriced.content
    assert line(flow, pads).status == "booked" and line(flow, pads).quoted_price == Decimal("1400.00")
    assert "please approve or decline" in flow.booking.events.last().note

    blocked = flow.report("in-progress", completed_service_ids=[pads.pk])
    assert blocked.status_code == 422 and "waits for the customer's approval" in blocked.json()["detail"][0]["message"]
    flow.ok(flow.report("in-progress", completed_service_ids=[discs.pk]), 201)
    flow.ok(flow.validate_latest_progress())
    assert flow.booking.status == "in-progress"  # the repriced line is still open

    answer = flow.customer_api.put(f"/bookings/{flow.booking_id}/services/{pads.pk}/decision", {"approve": True},
                                   format="json")
    assert answer.status_code == 200, answer.content
    last = LineDecision.objects.filter(line=line(flow, pads)).last()
    assert (last.approved, last.unit_price, last.channel, last.actor) == (True, Decimal("1400.00"), "api", customer)
    assert LineDecision.objects.filter(line=line(flow, pads)).count() == 2  # the first approval is kept too

    flow.ok(flow.report("in-progress", completed_service_ids=[pads.pk]), 201)
    flow.ok(flow.validate_latest_progress())
    assert flow.booking.status == "completed"
    totals = flow.customer_api.get(f"/bookings/{flow.booking_id}").json()["totals"]
    assert totals["subtotal"] == "7200.00"  # 1400 + 2 × 2900


def test_declining_the_last_repriced_line_completes_the_checked_work(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_in_progress()
    pads, discs = flow.services
    flow.ok(flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{pads.pk}/price", {"price": "1900"},
                               format="json"))
    flow.ok(flow.report("in-progress", completed_service_ids=[discs.pk]), 201)
    flow.ok(flow.validate_latest_progress())

    flow.ok(flow.customer_api.put(f"/bookings/{flow.booking_id}/services/{pads.pk}/decision", {"approve": False},
                                  format="json"))
    assert line(flow, pads).status == "rejected" and flow.booking.status == "completed"
    again = flow.customer_api.put(f"/bookings/{flow.booking_id}/services/{pads.pk}/decision", {"approve": True},
                                  format="json")
    assert again.status_code == 409


def test_reprices_that_cannot_be_honoured_are_refused(customer, admin, mechanic, other_customer):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    early = flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{flow.services[0].pk}/price",
                               {"price": "10"}, format="json")
    assert early.status_code == 409  # nothing quoted yet
    flow.ok(flow.assign("pickup"), 201)
    assert flow.customer_api.put(f"/bookings/{flow.booking_id}/services/{flow.services[0].pk}/decision",
                                 {"approve": True}, format="json").status_code == 409
    assert client_for(other_customer).put(f"/bookings/{flow.booking_id}/services/{flow.services[0].pk}/decision",
                                          {"approve": True}, format="json").status_code == 404
    negative = flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{flow.services[0].pk}/price",
                                  {"price": "-5"}, format="json")
    assert negative.status_code == 422


def test_before_the_customer_decides_a_new_price_simply_replaces_the_quote(flow):
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{flow.services[0].pk}/price",
                               {"price": "999"}, format="json"))
    assert line(flow, flow.services[0]).status == "booked"
    flow.ok(flow.confirm())
    decision = LineDecision.objects.get(line=line(flow, flow.services[0]))
    assert decision.approved and decision.unit_price == Decimal("999.00")
    assert json.loads(json.dumps(str(decision.unit_price))) == "999.00"


def test_prices_paid_online_are_not_changed_afterwards(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_in_progress()
    flow.booking.__class__.objects.filter(pk=flow.booking_id).update(payment_method="online")  # as if paid online
    refused = flow.admin_api.put(f"/bookings/admin/{flow.booking_id}/services/{flow.services[0].pk}/price",
                                 {"price": "1500"}, format="json")
    assert refused.status_code == 409 and "paid online" in refused.json()["detail"]
    assert line(flow, flow.services[0]).quoted_price == Decimal("1100.00")
