from django.contrib import admin
from django.urls import reverse

from bookings.models import BookedService, Booking, BookingEvent, LineDecision
from revcare.admin import ReadOnlyModelAdmin, related_link


class ReadOnlyInline(admin.TabularInline):
    """History shown with its booking; it changes only through RevCare's own steps."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BookedServiceInline(ReadOnlyInline):
    model = BookedService
    fields = ["service", "quantity", "estimated_price", "quoted_price", "status", "is_recommended", "is_done"]
    readonly_fields = fields


class BookingEventInline(ReadOnlyInline):
    model = BookingEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


class LineDecisionInline(ReadOnlyInline):
    """The consent trail: rows are only ever added, by the customer's decisions."""

    model = LineDecision
    fields = ["decided_at", "approved", "unit_price", "quantity", "channel", "actor"]
    readonly_fields = fields


@admin.register(BookedService)
class BookedServiceAdmin(ReadOnlyModelAdmin):
    list_display = [related_link("booking"), "service", "quantity", "quoted_price", "status", "is_done"]
    list_filter = ["status"]
    list_select_related = ["booking", "service"]
    inlines = [LineDecisionInline]


@admin.register(Booking)
class BookingAdmin(ReadOnlyModelAdmin):
    """Bookings move only through the lifecycle (API and admin desk), so everything here is read-only."""

    list_display = ["id", related_link("customer"), related_link("car"), "status", "pickup_type", "pickup_date",
                    "pickup_timeslot"]

    def view_on_site(self, obj):
        return reverse("desk:booking", args=[obj.pk])  # the desk page, where the booking is worked on
    list_filter = ["status", "pickup_type", "pickup_date"]
    search_fields = ["id", "customer__public_id", "car__registration_number"]
    list_select_related = ["customer", "car", "pickup_timeslot"]
    inlines = [BookedServiceInline, BookingEventInline]  # workshop's admin adds the work done on it
