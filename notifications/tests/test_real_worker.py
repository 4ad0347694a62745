"""The outbox with real parts: a Celery worker process over a real Redis broker, mailing a real SMTP
server on loopback (aiosmtpd). Runs where PostgreSQL and Redis are (CI)."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone
from kombu import pools

from aftercare.models import DeferredReminder
from aftercare.tasks import deferred_reminders_send
from bookings.tests.flow import BookingFlow
from conftest import ON_POSTGRES
from notifications.models import Notification
from notifications.tasks import requeue_stale_notifications
from revcare.celery import app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.skipif(not (ON_POSTGRES and settings.REDIS_URL),
                       reason="needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (CI does)"),
    pytest.mark.real_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, seconds: float = 40, what: str = "condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Mailbox:
    """An SMTP server's handler: keeps what it receives, or refuses with a temporary failure."""

    def __init__(self):
        self.messages, self.refuse, self.stall = [], False, None  # stall: a threading.Event to wait on

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.stall is not None and not self.stall.is_set():
            self.stalled = True
            while not self.stall.is_set():  # the client is left waiting for the greeting
                await asyncio.sleep(0.1)
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 Mail server busy, try again later"
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 Message accepted for delivery"


class Broker:
    """A Redis of the tests' own, so that it can be stopped and started like an outage."""

    def __init__(self):
        self.port, self.process = free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                         "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        wait_for(lambda: subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True)
                 .stdout.strip() == b"PONG", 10, "redis")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def publish_to(url: str) -> None:
    """Point this process's Celery app at `url`, dropping pooled connections to the old broker."""
    app.conf.broker_url = url
    pools.reset()  # kombu keeps producer pools per broker URL, process-wide
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="module")
def broker():
    redis = Broker()
    redis.start()
    yield redis
    redis.stop()


def start_worker(mailbox, broker, **extra_env):
    database = settings.DATABASES["default"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "revcare.settings", "REDIS_URL": broker.url,
           "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(mailbox.port), "EMAIL_USE_TLS": "false",
           "NOTIFICATION_RETRY_BACKOFF_SECONDS": "1", **extra_env}
    process = subprocess.Popen([sys.executable, "-m", "celery", "-A", "revcare", "worker", "--pool=solo",
                                "--loglevel=INFO", "--without-heartbeat", "--without-gossip", "--without-mingle"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    wait_for(lambda: lines.append(process.stdout.readline()) or "ready." in lines[-1], 60, "the worker to start")
    return process


@pytest.fixture
def worker(mailbox, broker, django_db_blocker):
    """`celery worker` in its own process, on the test database, the private broker and the mailbox."""
    process = start_worker(mailbox, broker)
    previous = app.conf.broker_url
    publish_to(broker.url)  # this process publishes to the same broker
    mailbox.messages.clear()
    yield process
    publish_to(previous)
    process.terminate()
    process.wait(20)


def test_booking_created_email_arrives_with_subject_and_link(worker, mailbox, customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")

    message = wait_for(lambda: next((m for m in mailbox.messages if f"Booking #{flow.booking_id}" in m), None),
                       what="the booking email")

    assert f"Subject: Booking #{flow.booking_id}: Booked" in message
    assert f"/portal/customer/bookings/{flow.booking_id}/" in message
    # The worker records the send when its transaction commits, a moment after the mail server has it.
    row = wait_for(lambda: Notification.objects.filter(booking_id=flow.booking_id, status="sent").first(),
                   what="the row to be marked sent")
    assert row.attempts == 1


def test_a_failing_mail_server_is_retried_then_the_row_is_failed_with_the_error(worker, mailbox, customer, admin,
                                                                               mechanic):
    mailbox.refuse = True
    try:
        flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
        flow.create("doorstep")
        row = wait_for(lambda: Notification.objects.filter(booking_id=flow.booking_id, status="failed").first(),
                       90, "the retries to run out")
    finally:
        mailbox.refuse = False
    assert row.attempts == 5 and "451" in row.last_error
    assert mailbox.messages == []


def test_a_broker_outage_delays_mail_but_loses_none(worker, broker, mailbox, customer, admin, mechanic):
    broker.stop()
    publish_to(broker.url)
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    started = time.monotonic()
    flow.create("doorstep")  # the API still books
    took = time.monotonic() - started
    assert took < 2, f"booking with the broker down took {took:.1f} s"  # it was ~19 s (result backend retries)
    row = Notification.objects.get(booking_id=flow.booking_id)
    assert row.status == "queued"

    broker.start()
    publish_to(broker.url)
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert requeue_stale_notifications() == 1

    wait_for(lambda: Notification.objects.get(pk=row.pk).status == "sent", 60, "the re-queued email")
    time.sleep(1)
    assert requeue_stale_notifications() == 0
    assert sum(f"Booking #{flow.booking_id}" in m for m in mailbox.messages) == 1


def test_a_worker_killed_mid_send_leaves_the_email_to_the_next_worker_and_it_arrives_once(
        mailbox, broker, customer, admin, mechanic):
    # Redelivery of an unacknowledged task after 3 s instead of an hour, for this test's workers.
    first = start_worker(mailbox, broker, CELERY_VISIBILITY_TIMEOUT="3", CELERY_RESTORE_INTERVAL="1")
    previous = app.conf.broker_url
    publish_to(broker.url)
    mailbox.messages.clear()
    mailbox.stalled, mailbox.stall = False, threading.Event()
    second = None
    try:
        flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
        flow.create("doorstep")
        wait_for(lambda: mailbox.stalled, 30, "the worker to be mid-send")
        first.send_signal(signal.SIGKILL)  # no goodbye, no acknowledgement
        first.wait(10)
        mailbox.stall.set()
        second = start_worker(mailbox, broker, CELERY_VISIBILITY_TIMEOUT="3", CELERY_RESTORE_INTERVAL="1")
        wait_for(lambda: Notification.objects.get(booking_id=flow.booking_id).status == "sent", 60,
                 "the email to be sent by the second worker")
        time.sleep(4)  # past another visibility timeout: nothing is handed out a third time
        assert sum(f"Booking #{flow.booking_id}" in m for m in mailbox.messages) == 1
    finally:
        mailbox.stall = None
        publish_to(previous)
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(20)


def test_deferred_work_reminders_from_the_daily_task_arrive_once_however_often_it_runs(worker, mailbox, customer,
                                                                                       admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_analysed(validate=False)
    flow.ok(flow.mechanic_api.post("/bookings/mechanic/findings", {
        "booking_id": flow.booking_id, "severity": "urgent", "note": "Discs scored",
        "service_id": flow.services[1].pk}, format="multipart"), 201)
    flow.ok(flow.admin_api.post(f"/bookings/admin/analysis/{flow.booking_id}/validate"))
    flow.ok(flow.confirm(service_ids=[flow.services[0].pk, flow.extra.pk]))  # the discs left for later
    mailbox.messages.clear()

    for _ in range(3):  # beat firing twice, an admin re-running it: the worker runs each
        deferred_reminders_send.delay()

    def reminders():
        return [m for m in mailbox.messages if "/portal/customer/reminders/" in m]

    wait_for(reminders, what="the reminder email")
    time.sleep(3)  # time for any duplicate to arrive
    assert len(reminders()) == 1 and flow.services[1].title in reminders()[0]
    assert DeferredReminder.objects.count() == 1
