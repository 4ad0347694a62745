"""Payments end to end: the real razorpay SDK talks to a Razorpay stand-in on loopback; signatures are
made with test secrets and checked by the SDK."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from bookings.models import BookedService, Booking
from catalogue.tests.factories import ServiceFactory
from conftest import client_for
from frontdesk.demo import booking_drive, booking_new, hand_over
from garage.tests.factories import AddressFactory, CustomerCarFactory
from notifications.models import Notification
from payments.gateway import sign
from payments.models import Invoice, Payment, Refund, WebhookEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoted(customer, admin, mechanic):
    """A booking whose quote the admin approved: 1000 for one service, ready for the customer."""
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(price=1000), 1)],
                          address=AddressFactory(customer=customer))
    return booking_drive(booking=booking, to="analysed@approved", admin=admin, mechanic=mechanic)


def confirm_online(customer, booking):
    service_ids = list(booking.services.values_list("service_id", flat=True))
    return client_for(customer).put(f"/bookings/{booking.pk}/confirm-services",
                                    {"service_ids": service_ids, "payment_method": "online"}, format="json")


def checkout_callback(order_id: str, secret: str, payment_id: str = "pay_test_001") -> dict:
    return {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id,
            "razorpay_signature": sign(f"{order_id}|{payment_id}", secret)}


def webhook(client, event: str, entity_name: str, entity: dict, secret="fake_webhook_secret", event_id="evt_1"):
    body = json.dumps({"entity": "event", "event": event, "contains": [entity_name],
                       "payload": {entity_name: {"entity": entity}}, "created_at": 1795000000}).encode()
    return client.post("/payment/webhook", data=body, content_type="application/json",
                       HTTP_X_RAZORPAY_SIGNATURE=sign(body.decode(), secret), HTTP_X_RAZORPAY_EVENT_ID=event_id)


def test_online_payment_happy_path(razorpay, quoted, customer, django_capture_on_commit_callbacks):
    response = confirm_online(customer, quoted)
    assert response.status_code == 200, response.content
    checkout = response.json()["payment"]
    assert checkout["amount"] == 118000 and checkout["currency"] == "INR" and checkout["key_id"] == "rzp_test_fake"
    assert response.json()["status"] == "analysis"  # condensed "analysed": waiting for the payment
    order = razorpay.calls_to("/v1/orders")[0]
    assert (order["amount"], order["currency"], order["receipt"]) == (118000, "INR", str(quoted.pk))

    with django_capture_on_commit_callbacks(execute=True):
        verified = client_for(customer).post("/payment/verify",
                                             checkout_callback(checkout["order_id"], razorpay.key_secret))

    assert verified.status_code == 200, verified.content
    assert (verified.json()["status"], verified.json()["amount"]) == ("paid", "1180.00")
    booking = Booking.objects.get(pk=quoted.pk)
    assert (booking.status, booking.payment_method, booking.gst_percent) == ("in-progress", "online", Decimal("18"))
    invoice = Invoice.objects.get(booking=booking)
    assert invoice.number.startswith("INV-") and invoice.total == Decimal("1180.00")
    assert Notification.objects.filter(category="invoice", booking_id=booking.pk, status="sent").count() == 1


def test_a_bad_signature_marks_the_payment_failed_and_changes_nothing_else(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    forged = checkout_callback(order_id, "not-the-secret")
    response = client_for(customer).post("/payment/verify", forged, format="json")
    assert response.status_code == 400 and "signature" in response.json()["detail"]
    assert Payment.objects.get(gateway_order_id=order_id).status == "failed"
    assert Booking.objects.get(pk=quoted.pk).status == "analysed"
    assert not Invoice.objects.exists()


def test_replaying_verify_applies_the_payment_once(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    callback = checkout_callback(order_id, razorpay.key_secret)
    client = client_for(customer)
    assert client.post("/payment/verify", callback).status_code == 200
    assert client.post("/payment/verify", callback).status_code == 200
    booking = Booking.objects.get(pk=quoted.pk)
    assert booking.events.filter(to_status="in-progress").count() == 1
    assert Invoice.objects.count() == 1 and Payment.objects.filter(status="paid").count() == 1


def test_webhook_captures_and_a_redelivered_event_does_nothing(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    entity = {"id": "pay_hook_1", "entity": "payment", "order_id": order_id, "status": "captured", "amount": 118000}
    anonymous = client_for(None)
    first = webhook(anonymous, "payment.captured", "payment", entity)
    again = webhook(anonymous, "payment.captured", "payment", entity)
    assert (first.json(), again.json()) == ({"result": "processed"}, {"result": "duplicate"})
    assert Booking.objects.get(pk=quoted.pk).status == "in-progress"
    assert WebhookEvent.objects.count() == 1 and Invoice.objects.count() == 1


def test_webhook_and_verify_in_either_order_apply_once(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    webhook(client_for(None), "payment.captured", "payment", {"id": "pay_test_001", "order_id": order_id})
    late_verify = client_for(customer).post("/payment/verify", checkout_callback(order_id, razorpay.key_secret))
    assert late_verify.status_code == 200 and late_verify.json()["status"] == "paid"
    assert Booking.objects.get(pk=quoted.pk).events.filter(to_status="in-progress").count() == 1


def test_a_forged_webhook_is_refused_and_records_nothing(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    response = webhook(client_for(None), "payment.captured", "payment", {"id": "pay_x", "order_id": order_id},
                       secret="guessed")
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists() and Booking.objects.get(pk=quoted.pk).status == "analysed"


def test_payment_failed_webhook_marks_the_payment_failed(razorpay, quoted, customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    webhook(client_for(None), "payment.failed", "payment",
            {"id": "pay_f", "order_id": order_id, "error_description": "Card declined"})
    payment = Payment.objects.get(gateway_order_id=order_id)
    assert (payment.status, payment.failure_reason) == ("failed", "Card declined")


def test_cancelling_a_paid_booking_refunds_the_payment_minus_the_fee(razorpay, quoted, customer,
                                                                    django_capture_on_commit_callbacks):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    client = client_for(customer)
    client.post("/payment/verify", checkout_callback(order_id, razorpay.key_secret))

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.put(f"/bookings/{quoted.pk}/cancel", {}, format="json")

    # Paid 1180.00; in progress with nothing done: fee 100 + 18 → refund 1062.00
    assert cancelled.json()["refund"] == "1062.00"
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (Decimal("1062.00"), "processed")
    assert razorpay.calls_to("/refund") == [{"amount": 106200, "notes": {"booking_id": str(quoted.pk)}}]
    assert not Payment.objects.filter(purpose="cancellation_fee").exists()  # the fee came out of the refund
    refund_webhook = webhook(client_for(None), "refund.processed", "refund",
                             {"id": refund.gateway_refund_id, "payment_id": "pay_test_001"}, event_id="evt_r")
    assert refund_webhook.json() == {"result": "processed"}


def test_a_refund_retries_while_razorpay_fails(razorpay, quoted, customer, django_capture_on_commit_callbacks):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    client = client_for(customer)
    client.post("/payment/verify", checkout_callback(order_id, razorpay.key_secret))
    razorpay.failures_left = 2
    with django_capture_on_commit_callbacks(execute=True):
        client.put(f"/bookings/{quoted.pk}/cancel", {}, format="json")
    refund = Refund.objects.get()
    assert (refund.status, refund.attempts) == ("processed", 3)
    assert len(razorpay.calls_to("/refund")) == 3


@pytest.mark.parametrize("trouble", ["server_error", "timeout"])
def test_razorpay_down_is_a_clear_503_with_nothing_half_written(razorpay, quoted, customer, trouble):
    if trouble == "server_error":
        razorpay.failures_left = 1
    else:
        razorpay.delay_seconds = 1.5  # longer than the client's 1 s timeout
    response = confirm_online(customer, quoted)
    assert response.status_code == 503
    assert "nothing was charged" in response.json()["detail"]
    assert not Payment.objects.exists() and Booking.objects.get(pk=quoted.pk).status == "analysed"
    razorpay.delay_seconds = 0
    assert confirm_online(customer, quoted).status_code == 200  # a retry works


def test_awkward_totals_reach_razorpay_in_exact_paise(razorpay, quoted, customer):
    BookedService.objects.filter(booking=quoted).update(quoted_price=Decimal("333.33"))
    # 333.33 + GST 59.9994 → 60.00 = 393.33 → 39333 paise
    assert confirm_online(customer, quoted).json()["payment"]["amount"] == 39333
    BookedService.objects.filter(booking=quoted).update(quoted_price=Decimal("100.25"))
    # 100.25 + GST 18.045 → 18.05 (half-up) = 118.30 → 11830 paise
    assert confirm_online(customer, quoted).json()["payment"]["amount"] == 11830
    assert [call["amount"] for call in razorpay.calls_to("/v1/orders")] == [39333, 11830]
    assert Payment.objects.filter(status="pending").count() == 1  # the older order was replaced


def test_another_customer_cannot_verify_or_see_my_payment(razorpay, quoted, customer, other_customer):
    order_id = confirm_online(customer, quoted).json()["payment"]["order_id"]
    stranger = client_for(other_customer)
    assert stranger.post("/payment/verify", checkout_callback(order_id, razorpay.key_secret)).status_code == 404
    assert stranger.get("/payment/").json()["count"] == 0
    assert stranger.get(f"/payment/{Payment.objects.get().pk}").status_code == 404
    assert Booking.objects.get(pk=quoted.pk).status == "analysed"


def test_cod_paid_online_at_the_door(razorpay, customer, admin, mechanic):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(price=1000), 1)],
                          address=AddressFactory(customer=customer))
    booking = booking_drive(booking=booking, to="out-for-delivery", admin=admin, mechanic=mechanic)
    at_door = client_for(mechanic)
    opened = at_door.post(f"/payment/cash-on-delivery/{booking.pk}", {"mode": "online"}, format="json")
    assert opened.status_code == 202 and opened.json()["amount"] == 118000
    settled = at_door.post("/payment/verify-cod", checkout_callback(opened.json()["order_id"], razorpay.key_secret))
    assert settled.status_code == 200 and settled.json()["purpose"] == "delivery"
    hand_over(booking_id=booking.pk, mechanic=mechanic)
    delivered = at_door.post("/bookings/mechanic/progress", {"booking_id": booking.pk, "status": "delivered"},
                             format="json")
    assert delivered.status_code == 201
    assert Invoice.objects.get(booking=booking).payment_method == "online"
    assert at_door.post(f"/payment/cash-on-delivery/{booking.pk}", {}, format="json").status_code == 409


def test_a_customer_cannot_record_cash_for_themself(razorpay, customer, admin, mechanic):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    booking = booking_drive(booking=booking, to="out-for-delivery", admin=admin, mechanic=mechanic)
    assert client_for(customer).post(f"/payment/cash-on-delivery/{booking.pk}", {}, format="json").status_code == 403
    assert not Payment.objects.exists()


def test_invoice_numbers_are_gapless_and_the_invoice_prints(razorpay, customer, admin, mechanic):
    bookings = []
    for _ in range(2):
        booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                              services_with_qty=[(ServiceFactory(price=1000), 2)],
                              address=AddressFactory(customer=customer))
        bookings.append(booking_drive(booking=booking, to="delivered", admin=admin, mechanic=mechanic))
    numbers = [Invoice.objects.get(booking=b).number for b in bookings]
    year = numbers[0][4:8]
    assert numbers == [f"INV-{year}-000001", f"INV-{year}-000002"]
    invoice = client_for(customer).get(f"/payment/invoices/{bookings[0].pk}").json()
    assert invoice["lines"][0]["quantity"] == 2 and invoice["total"] == "2360.00"
    browser = Client()
    browser.force_login(customer)
    page = browser.get(f"/portal/invoices/{bookings[0].pk}/")
    assert page.status_code == 200 and numbers[0] in page.content.decode() and "2360.00" in page.content.decode()
    assert "print.css" in page.content.decode()


def test_sandbox_checkout_pays_through_the_same_verification(quoted, customer, settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    checkout = confirm_online(customer, quoted).json()["payment"]
    assert checkout["order_id"].startswith("order_sandbox_") and checkout["checkout_url"]
    browser = Client()
    browser.force_login(customer)
    page_url = f"/portal/payments/checkout/{checkout['order_id']}/"
    assert "Pay ₹1180.00" in browser.get(page_url).content.decode()
    unreadable = browser.post(page_url, {"outcome": "refund-me"}, follow=True)
    assert "Select a valid choice" in unreadable.content.decode()
    assert Payment.objects.get().status == "pending" and Booking.objects.get(pk=quoted.pk).status != "in-progress"
    browser.post(page_url, {"outcome": "pay"})
    assert Booking.objects.get(pk=quoted.pk).status == "in-progress"
    assert Payment.objects.get().gateway_payment_id.startswith("pay_sandbox_")
