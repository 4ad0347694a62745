from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The log of every message; read-only, since it records what was actually sent."""

    list_display = ["created_at", "category", "email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "category"]
    search_fields = ["email", "subject", "recipient__public_id"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
