from django.contrib import admin

from bookings.models import AssignmentType, BookedService, Booking


@admin.register(AssignmentType)
class AssignmentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "needs_pickup_drop", "needs_analysis"]


class BookedServiceInline(admin.TabularInline):
    model = BookedService
    extra = 0
    raw_id_fields = ["service"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "customer", "car", "status", "pickup_type", "pickup_date", "pickup_timeslot"]
    list_filter = ["status", "pickup_type", "pickup_date"]
    search_fields = ["id", "customer__public_id", "car__registration_number"]
    list_select_related = ["customer", "car", "pickup_timeslot"]
    raw_id_fields = ["customer", "car", "pickup_address", "drop_address", "created_by"]
    inlines = [BookedServiceInline]
