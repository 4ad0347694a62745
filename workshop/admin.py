from django.contrib import admin

from accounts.admin import UserAdmin
from accounts.models import User
from bookings.admin import BookingAdmin, ReadOnlyInline
from bookings.models import Booking
from revcare.admin import ReadOnlyModelAdmin, related_link
from workshop.models import (
    Analysis,
    AnalysisImage,
    Assignment,
    AssignmentType,
    CustodyPhoto,
    CustodyRecord,
    Finding,
    FindingImage,
    MechanicProfile,
    Progress,
    ProgressImage,
)


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


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fk_name = "booking"
    fields = ["assignment_type", "mechanic", "assigned_by", "assigned_at", "closed_at"]
    readonly_fields = fields


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


class MechanicProfileInline(admin.StackedInline):
    model = MechanicProfile
    can_delete = False
    readonly_fields = ["score"]


admin.site.unregister(User)


@admin.register(User)
class UserWithMechanicProfileAdmin(UserAdmin):
    """A person's admin page with, for a mechanic, their profile (qualifications and score)."""

    inlines = [*UserAdmin.inlines, MechanicProfileInline]


admin.site.unregister(Booking)


@admin.register(Booking)
class BookingWithWorkAdmin(BookingAdmin):
    """The booking's admin page with the work on it: its assignments, analysis and progress reports."""

    inlines = [*BookingAdmin.inlines, AssignmentInline, AnalysisInline, ProgressInline]


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
