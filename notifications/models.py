from django.conf import settings
from django.db import models


class NotificationCategory(models.TextChoices):
    BOOKING_CONFIRMATION = "booking_confirmation", "Booking confirmation"
    PROGRESS_UPDATE = "progress_update", "Progress update"
    INVOICE = "invoice", "Invoice"
    ACCOUNT = "account", "Account"
    QUERY_RESPONSE = "query_response", "Query response"
    SERVICE_REMINDER = "service_reminder", "Service reminder"
    SYSTEM = "system", "System"


class NotificationStatus(models.TextChoices):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


# What each status means, shown beside its label in `/utils/status` (garage registers it: notifications
# sits below garage).
NOTIFICATION_STATUS_DESCRIPTIONS = {
    NotificationStatus.QUEUED: "Waiting to be sent.",
    NotificationStatus.SENT: "Delivered to the mail server.",
    NotificationStatus.FAILED: "Could not be sent after retries.",
}


class Notification(models.Model):
    """The outbox and the log at once: written in the transaction of the change it tells about."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="notifications")
    email = models.EmailField()
    category = models.CharField(max_length=30, choices=NotificationCategory.choices)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    booking_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.category} to {self.email}: {self.subject} ({self.status})"
