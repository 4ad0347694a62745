from django.contrib import admin

from garage import services
from garage.models import (
    Address,
    Area,
    CarClass,
    CarModel,
    Content,
    CustomerCar,
    FuelType,
    GarageSettings,
    GstRate,
    Manufacturer,
    Status,
    Timeslot,
)
from revcare.admin import ReadOnlyModelAdmin


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "pincode"]
    search_fields = ["name", "pincode"]


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ["customer", "label", "line1", "area"]
    list_filter = ["area"]
    search_fields = ["customer__public_id", "line1"]
    list_select_related = ["customer", "area"]
    autocomplete_fields = ["area"]
    raw_id_fields = ["customer"]


@admin.register(Manufacturer, FuelType, CarClass)
class CarReferenceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(CarModel)
class CarModelAdmin(admin.ModelAdmin):
    list_display = ["name", "manufacturer", "fuel_type", "car_class", "year"]
    list_filter = ["manufacturer", "fuel_type", "car_class"]
    search_fields = ["name", "manufacturer__name"]
    list_select_related = ["manufacturer", "fuel_type", "car_class"]


@admin.register(CustomerCar)
class CustomerCarAdmin(admin.ModelAdmin):
    list_display = ["registration_number", "car_model", "customer"]
    search_fields = ["registration_number", "customer__public_id"]
    list_select_related = ["car_model__manufacturer", "car_model__fuel_type", "customer"]
    raw_id_fields = ["customer"]
    autocomplete_fields = ["car_model"]


@admin.register(Timeslot)
class TimeslotAdmin(admin.ModelAdmin):
    list_display = ["name", "start_time", "end_time", "capacity", "is_active"]
    list_editable = ["capacity", "is_active"]


@admin.register(Status)
class StatusAdmin(admin.ModelAdmin):
    """Staff relabel the statuses fixed in code; kind and code are read-only, and none is added or deleted."""

    list_display = ["kind", "code", "name", "sort_order"]
    list_filter = ["kind"]
    fields = ["kind", "code", "name", "description"]
    readonly_fields = ["kind", "code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Content)
class ContentAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(GstRate)
class GstRateAdmin(ReadOnlyModelAdmin):
    """History of the GST rate; set a new rate with PUT /gst/ or the admin desk."""

    list_display = ["percent", "set_by", "set_at"]


@admin.register(GarageSettings)
class GarageSettingsAdmin(admin.ModelAdmin):
    """One row (the migration makes it): never a second one, never deleted."""

    fields = ["handover_code_required", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]

    def has_add_permission(self, request):
        return not GarageSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.garage_settings_update(handover_code_required=obj.handover_code_required,
                                                updated_by=request.user)
        obj.pk = saved.pk
