from django.contrib import admin
from django.urls import reverse

from bookings.models import (
    Analysis,
    AnalysisImage,
    Assignment,
    AssignmentType,
    BookedService,
    Booking,
    BookingEvent,
    CustodyPhoto,
    CustodyRecord,
    DeferredItem,
    DeferredReminder,
    Finding,
    FindingImage,
    LineDecision,
    Progress,
    ProgressImage,
)
from revcare.admin import ReadOnlyModelAdmin, related_link


@admin.register(AssignmentType)
class AssignmentTypeAdmin(admin.ModelAdmin):
    """Staff relabel the four fixed kinds; the kind itself is code (read-only), and none is added or deleted."""

    list_display = ["kind", "name", "needs_pickup_drop", "needs_analysis"]
    fields = ["kind", "name", "description"]
    readonly_fields = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fk_name = "booking"
    fields = ["assignment_type", "mechanic", "assigned_by", "assigned_at", "closed_at"]
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


class ProgressInline(ReadOnlyInline):
    model = Progress
    fields = ["created_at", "mechanic", "status", "notes", "validated_by", "validated_at"]
    readonly_fields = fields


class AnalysisInline(admin.StackedInline):
    model = Analysis
    extra = 0
    can_delete = False
    fields = ["mechanic", "description", "recommendation", "submitted_at", "validated_by", "validated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
    inlines = [BookedServiceInline, BookingEventInline, AssignmentInline, AnalysisInline, ProgressInline]


class AnalysisImageInline(admin.TabularInline):
    model = AnalysisImage
    extra = 0


class ProgressImageInline(admin.TabularInline):
    model = ProgressImage
    extra = 0


@admin.register(Analysis)
class AnalysisAdmin(admin.ModelAdmin):
    list_display = [related_link("booking"), related_link("mechanic"), "submitted_at", "validated_at"]
    list_select_related = ["booking", "mechanic"]
    readonly_fields = ["booking", "assignment", "mechanic", "submitted_at", "edited_by", "edited_at", "validated_by",
                       "validated_at"]
    inlines = [AnalysisImageInline]


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = [related_link("booking"), related_link("mechanic"), "status", "created_at", "validated_at"]
    list_filter = ["status"]
    list_select_related = ["booking", "mechanic"]
    readonly_fields = ["booking", "assignment", "mechanic", "status", "created_at", "validated_by", "validated_at"]
    inlines = [ProgressImageInline]


class FindingImageInline(admin.TabularInline):
    model = FindingImage
    extra = 0


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["id", related_link("analysis"), "severity", "note", "due_km", "created_at"]
    list_filter = ["severity"]
    list_select_related = ["analysis"]
    readonly_fields = ["analysis", "line", "created_at"]
    inlines = [FindingImageInline]


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


class CustodyPhotoInline(admin.TabularInline):
    model = CustodyPhoto
    extra = 0


@admin.register(CustodyRecord)
class CustodyRecordAdmin(ReadOnlyModelAdmin):
    """The handover records are evidence: read-only here."""

    list_display = [related_link("booking"), "stage", "odometer_km", "fuel_level", "recorded_at", "handed_over_at",
                    "disputed_at"]
    list_filter = ["stage"]
    list_select_related = ["booking"]
    exclude = ["code_digest"]
    inlines = [CustodyPhotoInline]
