"""Telling people what happened. `notify` writes the message to the log in the caller's transaction
(so a change and its notification commit or roll back together); the message is sent only after
that commit. Until the Celery sender arrives (issue 6) it is sent in-process right after commit."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.models import Notification, NotificationStatus

logger = logging.getLogger("revcare.notifications")


def notify(*, recipient, category: str, subject: str, template: str, context: dict,
           booking_id: int | None = None) -> Notification:
    context = {**context, "recipient": recipient, "site_url": settings.SITE_URL, "subject": subject}
    notification = Notification.objects.create(
        recipient=recipient,
        email=recipient.email,
        category=category,
        subject=subject,
        body_text=render_to_string(f"emails/{template}.txt", context),
        body_html=render_to_string(f"emails/{template}.html", context),
        booking_id=booking_id,
    )
    transaction.on_commit(lambda: notification_send(notification_id=notification.pk))
    return notification


def notification_send(*, notification_id: int) -> Notification:
    """Send one queued message, at most once: the row is locked and a sent row is left alone."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status == NotificationStatus.SENT:
            return notification
        notification.attempts += 1
        message = EmailMultiAlternatives(notification.subject, notification.body_text,
                                         settings.DEFAULT_FROM_EMAIL, [notification.email])
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except Exception as error:  # any mail failure is recorded, never raised into the request
            logger.warning("notification %s failed: %s", notification_id, type(error).__name__)
            notification.status = NotificationStatus.FAILED
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return notification
