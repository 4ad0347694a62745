"""Verify and webhook racing on PostgreSQL: whichever lands first applies the payment, once."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from bookings.models import Booking
from catalogue.tests.factories import ServiceFactory
from conftest import requires_postgres
from frontdesk.demo import booking_drive, booking_new
from garage.tests.factories import AddressFactory, CustomerCarFactory
from payments import services
from payments.gateway import sign
from payments.models import Invoice, Payment

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_verify_and_webhooks_racing_apply_the_payment_once(razorpay):
    customer = CustomerFactory()
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(price=1000), 1)],
                          address=AddressFactory(customer=customer))
    booking = booking_drive(booking=booking, to="analysed@approved", admin=AdminFactory(), mechanic=MechanicFactory())
    payment = services.online_payment_start(booking=booking, purpose="services", amount=booking.services.get(
    ).estimated_price, confirmation={"service_ids": [booking.services.get().service_id], "gst_percent": "18"})
    order_id, payment_id = payment.gateway_order_id, "pay_race_1"
    body = (f'{{"event": "payment.captured", "payload": {{"payment": {{"entity": {{"id": "{payment_id}", '
            f'"order_id": "{order_id}"}}}}}}}}').encode()
    start, outcomes = threading.Barrier(6), []

    def verify():
        services.payment_verify(order_id=order_id, payment_id=payment_id,
                                signature=sign(f"{order_id}|{payment_id}", razorpay.key_secret))

    def deliver_webhook(event_id):
        services.webhook_receive(body=body, signature=sign(body.decode(), "fake_webhook_secret"), event_id=event_id)

    def run(work):
        try:
            start.wait()
            work()
            outcomes.append("ok")
        except Exception as error:  # collected and asserted below
            outcomes.append(repr(error))
        finally:
            connection.close()

    jobs = [verify, verify, verify] + [lambda n=n: deliver_webhook(f"evt_{n % 2}") for n in range(3)]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["ok"] * 6
    assert Payment.objects.get(pk=payment.pk).status == "paid"
    booking = Booking.objects.get(pk=booking.pk)
    assert booking.status == "in-progress"
    assert booking.events.filter(to_status="in-progress").count() == 1
    assert Invoice.objects.filter(booking=booking).count() == 1
