"""The outbox: rows written with the change, sent once after commit, retried, failed with the error."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.services import password_reset_request
from bookings.tests.flow import BookingFlow
from conftest import client_for
from notifications.models import Notification
from notifications.services import notification_send, notifications_requeue_stale, notify

pytestmark = pytest.mark.django_db


def test_a_notification_is_written_with_the_change_and_sent_after_commit(customer,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        password_reset_request(login=customer.phone)
    row = Notification.objects.get()
    assert (row.status, row.category, row.email) == ("queued", "account", customer.email)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_a_rolled_back_change_sends_nothing(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipient=customer, category="system", subject="Never", template="welcome",
                       context={"user": customer})
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_sent_row_is_never_sent_twice(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = notify(recipient=customer, category="system", subject="Once", template="welcome",
                     context={"user": customer})
    notification_send(notification_id=row.pk)
    notification_send(notification_id=row.pk)
    assert len(mail.outbox) == 1 and Notification.objects.get().attempts == 1


def test_smtp_failure_is_retried_then_recorded(customer, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False  # nothing listens
    settings.EMAIL_TIMEOUT = 1
    with django_capture_on_commit_callbacks(execute=True):
        row = notify(recipient=customer, category="system", subject="Unlucky", template="welcome",
                     context={"user": customer})
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 5  # the first try and four retries
    assert "ConnectionRefusedError" in row.last_error


def test_rows_left_queued_are_requeued_and_sent_once(customer):
    row = notify(recipient=customer, category="system", subject="Late", template="welcome",
                 context={"user": customer})  # its commit hook never ran: as if the broker was down
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert notifications_requeue_stale() == 1
    assert notifications_requeue_stale() == 0
    assert Notification.objects.get().status == "sent" and len(mail.outbox) == 1


def test_notification_logs_filters_and_limit(admin, customer, other_customer):
    for subject in ("A", "B", "C"):
        notify(recipient=customer, category="progress_update", subject=subject, template="welcome",
               context={"user": customer})
    notify(recipient=other_customer, category="account", subject="D", template="welcome",
           context={"user": other_customer})
    client = client_for(admin)
    newest = client.get("/notification/notifications/logs?limit=2").json()
    assert newest["count"] == 4 and [row["subject"] for row in newest["results"]] == ["D", "C"]
    by_category = client.get("/notification/notifications/logs?notification_category=account").json()
    assert [row["subject"] for row in by_category["results"]] == ["D"]
    by_recipient = client.get(f"/notification/notifications/logs?recipient={customer.public_id}").json()
    assert by_recipient["count"] == 3
    by_email = client.get(f"/notification/notifications/logs?recipient={other_customer.email.upper()}").json()
    assert by_email["count"] == 1
    assert client.get("/notification/notifications/logs?status=queued").json()["count"] == 4
    assert client.get("/notification/notifications/logs?limit=0").status_code == 422
    assert client_for(customer).get("/notification/notifications/logs").status_code == 403


def test_the_customer_hears_of_checked_work_and_of_a_cancellation_fee(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_in_progress()
    flow.ok(flow.report("in-progress", completed_service_ids=[flow.services[0].pk]), 201)
    flow.ok(flow.validate_latest_progress())
    checked = Notification.objects.filter(booking_id=flow.booking_id).order_by("-id").first()
    assert f"Checked by the garage: {flow.services[0].title} done" in checked.body_text

    flow.customer_api.put(f"/bookings/{flow.booking_id}/cancel", {"reason": "Moving city"}, format="json")
    cancelled = Notification.objects.filter(booking_id=flow.booking_id).order_by("-id").first()
    assert cancelled.subject == f"Booking #{flow.booking_id}: Cancelled"
    assert "Moving city. Fee ₹366.67" not in cancelled.body_text  # GST is included in what is stated
    assert "Fee ₹432.67 including GST" in cancelled.body_text and "/portal/customer/bookings/" in cancelled.body_html
