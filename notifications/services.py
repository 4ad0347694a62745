"""Telling people what happened, through an outbox.

`notify` writes the message to the log in the caller's transaction, so a change and its message commit
or roll back together. Once committed, a Celery task sends it (`notifications.tasks.send_notification`,
retried with backoff). If the broker is down the row simply stays queued; a periodic task re-queues
rows left queued, and a row already sent is never sent again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.models import Notification, NotificationStatus

logger = logging.getLogger("revcare.notifications")

# Rows still queued this long after their last try are handed to the broker again.
REQUEUE_AFTER = timedelta(minutes=2)


class NotificationSendError(Exception):
    """Sending failed this time; the task retries."""


def notify(*, recipient, category: str, subject: str, template: str, context: dict,
           booking_id: int | None = None) -> Notification:
    context = {**context, "recipient": recipient, "site_url": settings.SITE_URL, "subject": subject}
    notification = Notification.objects.create(
        recipient=recipient,
        email=recipient.email,
        category=category,
        subject=subject,
        body_text=render_to_string(f"emails/{template}.txt", context, using="text_email"),  # no autoescape
        body_html=render_to_string(f"emails/{template}.html", context),
        booking_id=booking_id,
    )
    transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk))
    return notification


def notification_enqueue(*, notification_id: int) -> bool:
    """Hand a committed row to the broker. A broker outage is not the caller's problem: the row stays
    queued and the periodic re-queue picks it up."""
    from notifications.tasks import send_notification  # noqa: PLC0415  tasks.py runs this module's notification_send

    try:
        send_notification.delay(notification_id)
    except Exception as error:  # kombu raises several types for an unreachable broker
        logger.warning("broker unavailable; notification %s stays queued (%s: %s)", notification_id,
                       type(error).__name__, error)
        return False
    return True


def notification_send(*, notification_id: int, final_attempt: bool = True) -> Notification:
    """Send one message, at most once: the row stays locked while the mail server is talking, and a
    row already sent is left alone. On failure the error is recorded; the row is marked failed on
    the final attempt, otherwise NotificationSendError asks for a retry."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status != NotificationStatus.QUEUED:
            return notification
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        message = EmailMultiAlternatives(notification.subject, notification.body_text,
                                         settings.DEFAULT_FROM_EMAIL, [notification.email])
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except Exception as error:  # SMTP, DNS and socket errors alike are recorded on the row
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if final_attempt:
                notification.status = NotificationStatus.FAILED
            notification.save(update_fields=["status", "attempts", "last_error", "last_attempt_at"])
            failed = True
        else:
            notification.status, notification.sent_at, notification.last_error = (
                NotificationStatus.SENT, timezone.now(), "")
            notification.save(update_fields=["status", "attempts", "last_error", "last_attempt_at", "sent_at"])
            failed = False
    if failed and not final_attempt:
        raise NotificationSendError(notification.last_error)
    return notification


def notifications_requeue_stale() -> int:
    """Give rows left queued (broker down when they were made, or a worker lost) back to the broker."""
    cutoff = timezone.now() - REQUEUE_AFTER
    stale = Notification.objects.filter(status=NotificationStatus.QUEUED, created_at__lt=cutoff).exclude(
        last_attempt_at__gte=cutoff).values_list("pk", flat=True)
    return sum(notification_enqueue(notification_id=pk) for pk in stale[:500])


def notification_log(*, category: str | None = None, status: str | None = None,
                     recipient: str | None = None) -> QuerySet[Notification]:
    """Newest first; `recipient` matches an email address or a public id."""
    rows = Notification.objects.select_related("recipient")
    if category:
        rows = rows.filter(category=category)
    if status:
        rows = rows.filter(status=status)
    if recipient:
        rows = rows.filter(email__iexact=recipient) | rows.filter(recipient__public_id=recipient)
    return rows.order_by("-created_at", "-id")
