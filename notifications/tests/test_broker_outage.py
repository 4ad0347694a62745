"""A broker outage seen from the web process: requests that queue mail answer at once and the outbox keeps
the row. (With a real worker and a Redis stopped and started: test_real_worker.py.)"""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from bookings.tests.flow import BookingFlow
from notifications.models import Notification
from notifications.services import notifications_requeue_stale

pytestmark = pytest.mark.django_db


def test_with_redis_down_a_booking_answers_at_once_and_its_email_waits_in_the_outbox(
        customer, admin, mechanic, broker_unreachable, django_capture_on_commit_callbacks):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    with broker_unreachable():
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):  # the email is handed to the broker at commit
            flow.create("doorstep")
        took = time.monotonic() - started
    # It took ~19 s when every publish first subscribed to the Redis result backend, 20 tries 1 s apart.
    assert took < 2, f"booking with the broker down took {took:.1f} s"
    row = Notification.objects.get(booking_id=flow.booking_id)
    assert row.status == "queued" and row.attempts == 0 and mail.outbox == []

    # The broker is back (tasks in-process here): the periodic re-queue sends it, once.
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert notifications_requeue_stale() == 1
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1
