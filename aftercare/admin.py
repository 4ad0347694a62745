from django.contrib import admin

from aftercare.models import DeferredItem, DeferredReminder
from bookings.admin import ReadOnlyInline
from revcare.admin import related_link


class DeferredReminderInline(ReadOnlyInline):
    model = DeferredReminder
    fields = ["window", "sent_at", "booking"]
    readonly_fields = fields


@admin.register(DeferredItem)
class DeferredItemAdmin(admin.ModelAdmin):
    """Work left for later: staff may correct a due date or set an item aside; reminders are the record."""

    list_display = ["id", related_link("car"), "service", "severity", "due_date", "due_km", "status"]
    list_filter = ["status", "severity"]
    list_select_related = ["car", "service"]
    readonly_fields = ["car", "service", "declined_line", "finding", "booked_in", "created_at"]
    inlines = [DeferredReminderInline]
