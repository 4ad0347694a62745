"""A broker outage seen from the web process: requests that queue mail answer at once and the outbox keeps
the row. (With a real worker and a Redis stopped and started: test_real_worker.py.)"""

import runpy
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from kombu import pools

from bookings.tests.flow import BookingFlow
from notifications.models import Notification
from notifications.services import notifications_requeue_stale
from revcare.celery import app

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


def drop_broker_connections():
    pools.reset()  # kombu keeps producer pools per broker URL, process-wide
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None  # the result backend, built again from the configuration
    app._local.__dict__.pop("backend", None)


@contextmanager
def celery_as_deployed_with_redis_at(url: str, monkeypatch):
    """This process's Celery app configured as revcare/settings.py configures it when REDIS_URL is `url`."""
    monkeypatch.setenv("REDIS_URL", url)
    deployed = runpy.run_path(str(settings.BASE_DIR / "revcare" / "settings.py"))
    celery_settings = {name.removeprefix("CELERY_").lower(): value
                       for name, value in deployed.items() if name.startswith("CELERY_")}
    previous = {key: app.conf[key] for key in celery_settings}
    app.conf.update(celery_settings)
    drop_broker_connections()
    try:
        yield
    finally:
        app.conf.update(previous)
        drop_broker_connections()


def test_with_redis_down_a_booking_answers_at_once_and_its_email_waits_in_the_outbox(
        customer, admin, mechanic, monkeypatch, django_capture_on_commit_callbacks):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    with celery_as_deployed_with_redis_at(NOTHING_LISTENS, monkeypatch):
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
