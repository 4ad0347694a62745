from celery import shared_task
from django.conf import settings
from django.core.cache import cache

from notifications import services


@shared_task(bind=True, autoretry_for=(services.NotificationSendError,),
             retry_backoff=settings.NOTIFICATION_RETRY_BACKOFF_SECONDS, retry_backoff_max=600,
             retry_jitter=True, max_retries=4)
def send_notification(self, notification_id: int) -> str:
    """Send one outbox row; retried with exponential backoff, recorded as failed after the last try."""
    final = self.request.retries >= self.max_retries
    return services.notification_send(notification_id=notification_id, final_attempt=final).status


@shared_task
def requeue_stale_notifications() -> int:
    """Every minute (beat): rows still queued go back to the broker. A lock keeps runs from overlapping."""
    if not cache.add("notifications:requeue-lock", "1", timeout=55):
        return 0
    try:
        return services.notifications_requeue_stale()
    finally:
        cache.delete("notifications:requeue-lock")
