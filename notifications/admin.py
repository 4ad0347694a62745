from django.contrib import admin

from notifications.models import Notification
from revcare.admin import ReadOnlyModelAdmin, related_link


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    """The log of every message; read-only, since it records what was actually sent."""

    list_display = ["created_at", "category", related_link("recipient"), "email", "subject", "status", "attempts",
                    "sent_at"]
    list_filter = ["status", "category"]
    search_fields = ["email", "subject", "recipient__public_id"]
    list_select_related = ["recipient"]
