"""Cancelling from every status, with domain.md's fee rules to the paisa."""

from decimal import Decimal

import pytest

from accounts.tests.factories import AdminFactory
from bookings.models import BookedService
from bookings.tests.flow import BookingFlow
from conftest import client_for
from garage.models import Timeslot

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(customer, admin, mechanic):
    return BookingFlow(customer=customer, admin=admin, mechanic=mechanic)


def cancel(flow, api=None):
    return (api or flow.customer_api).put(f"/bookings/{flow.booking_id}/cancel", {"reason": "Plans changed"},
                                          format="json")


def remaining_morning(flow) -> int:
    day = flow.booking.pickup_date.isoformat()
    rows = flow.ok(flow.customer_api.get(f"/utils/timeslot?date={day}"))["results"]
    return next(row["remaining"] for row in rows if row["name"] == "Morning")


def expect(response, fee: str, gst: str, total: str):
    body = response.json()
    assert response.status_code == 200, body
    assert (body["status"], body["fee"], body["gst"], body["total"], body["refund"]) == (
        "cancelled", fee, gst, total, "0.00")


def test_cancelling_a_booked_booking_is_free_and_frees_the_slot(flow):
    flow.create("doorstep")
    before = remaining_morning(flow)
    expect(cancel(flow), "0.00", "0.00", "0.00")
    assert remaining_morning(flow) == before + 1


def test_cancelling_during_pickup_is_free(flow):
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    expect(cancel(flow), "0.00", "0.00", "0.00")


@pytest.mark.parametrize("stage", ["received", "analysis", "analysed"])
def test_cancelling_once_the_car_is_in_costs_100_plus_gst(flow, stage):
    flow.to_received()
    if stage in ("analysis", "analysed"):
        flow.ok(flow.assign("analysis"), 201)
    if stage == "analysed":
        flow.ok(flow.analyse(), 201)
    assert flow.booking.status == stage
    expect(cancel(flow), "100.00", "18.00", "118.00")
    detail = flow.ok(flow.customer_api.get(f"/bookings/{flow.booking_id}"))
    assert detail["cancellation"] == {"fee": "100.00", "gst": "18.00", "total": "118.00"}


def test_in_progress_with_nothing_done_costs_the_100_minimum(flow):
    flow.to_in_progress()
    expect(cancel(flow), "100.00", "18.00", "118.00")


def test_in_progress_fee_is_the_share_of_work_done(flow):
    # Confirmed: A 1100 × 1 (difficulty 2, done), B 2900 × 2 (difficulty 4); the recommended extra declined.
    flow.to_in_progress()
    flow.ok(flow.report("in-progress", completed_service_ids=[flow.services[0].pk]), 201)
    flow.ok(flow.validate_latest_progress())
    # 1100 × 2 / (2 + 4) = 366.666… → 366.67; GST 18% = 66.0006 → 66.00
    expect(cancel(flow), "366.67", "66.00", "432.67")


def test_declined_services_do_not_count_in_the_share(flow):
    flow.to_analysed()
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk, flow.services[1].pk, flow.extra.pk]))
    flow.ok(flow.assign("service"), 201)
    flow.ok(flow.report("in-progress", completed_service_ids=[flow.services[0].pk]), 201)
    flow.ok(flow.validate_latest_progress())
    # With the extra confirmed too: 1100 × 2 / (2 + 4 + 1) = 314.2857… → 314.29; GST 56.5722 → 56.57
    expect(cancel(flow), "314.29", "56.57", "370.86")


def test_gst_on_the_fee_rounds_half_up_to_the_paisa(flow):
    flow.to_in_progress()
    a, b, extra = (BookedService.objects.get(booking_id=flow.booking_id, service=s)
                   for s in (*flow.services, flow.extra))
    BookedService.objects.filter(pk=a.pk).update(quoted_price=Decimal("401.00"), quantity=1, is_done=True)
    a.service.__class__.objects.filter(pk=a.service_id).update(difficulty=1)
    b.service.__class__.objects.filter(pk=b.service_id).update(difficulty=3)
    BookedService.objects.filter(pk=extra.pk).update(status="rejected")
    # 401 × 1 / (1 + 3) = 100.25; GST 18% = 18.045 → 18.05 (half-up, not to even)
    expect(cancel(flow), "100.25", "18.05", "118.30")


def test_the_fee_uses_the_gst_rate_fixed_at_confirmation(flow, admin):
    flow.to_in_progress()
    assert client_for(admin).put("/gst/?percent=5").status_code == 200
    expect(cancel(flow), "100.00", "18.00", "118.00")


def test_before_confirmation_the_fee_uses_todays_rate(flow, admin):
    flow.to_received()
    client_for(admin).put("/gst/?percent=12")
    expect(cancel(flow), "100.00", "12.00", "112.00")


@pytest.mark.parametrize("stage", ["completed", "out-for-delivery", "delivered", "cancelled"])
def test_late_or_repeated_cancellation_is_409_and_changes_nothing(flow, stage):
    flow.to_completed()
    if stage in ("out-for-delivery", "delivered"):
        flow.ok(flow.assign("drop"), 201)
    if stage == "delivered":
        flow.ok(flow.mechanic_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {}, format="json"), 201)
        flow.ok(flow.report("delivered"), 201)
    if stage == "cancelled":
        flow.booking.__class__.objects.filter(pk=flow.booking_id).update(status="cancelled")
    response = cancel(flow)
    assert response.status_code == 409
    booking = flow.booking
    assert booking.status == stage and booking.cancellation_fee is None


def test_admin_can_cancel_a_mechanic_cannot(flow, mechanic):
    flow.create("doorstep")
    assert cancel(flow, client_for(mechanic)).status_code == 403
    expect(cancel(flow, client_for(AdminFactory())), "0.00", "0.00", "0.00")


def test_a_received_car_gets_a_drop_assignment_to_return_it(flow, mechanic):
    flow.to_received()
    cancel(flow)
    flow.ok(flow.assign("drop"), 201)
    assert flow.report("delivered").status_code == 409  # the ₹118 fee is collected at the return
    fee = flow.ok(flow.mechanic_api.post(f"/payment/cash-on-delivery/{flow.booking_id}", {}, format="json"), 201)
    assert (fee["purpose"], fee["amount"], fee["status"]) == ("cancellation_fee", "118.00", "paid")
    flow.ok(flow.report("delivered", notes="Returned unrepaired"), 201)
    booking = flow.booking
    assert booking.status == "cancelled" and booking.returned_at is not None
    assert flow.assign("drop").status_code == 409  # already returned


def test_a_full_slot_is_409_and_a_cancellation_makes_room(flow, customer):
    Timeslot.objects.filter(name="Morning").update(capacity=1)
    flow.create("doorstep")
    second = BookingFlow(customer=customer, admin=flow.admin, mechanic=flow.mechanic)
    with pytest.raises(AssertionError, match="is full"):
        second.create("doorstep")
    cancel(flow)
    second.create("doorstep")
    assert second.booking.status == "booked"


def test_a_small_share_of_done_work_still_costs_the_100_minimum(flow):
    flow.to_in_progress()
    a, b = (BookedService.objects.get(booking_id=flow.booking_id, service=s) for s in flow.services)
    BookedService.objects.filter(pk=a.pk).update(quoted_price=Decimal("200.00"), quantity=1, is_done=True)
    a.service.__class__.objects.filter(pk=a.service_id).update(difficulty=1)
    b.service.__class__.objects.filter(pk=b.service_id).update(difficulty=4)
    # 200 × 1 / (1 + 4) = 40.00, below the minimum → 100.00 + 18.00
    expect(cancel(flow), "100.00", "18.00", "118.00")
