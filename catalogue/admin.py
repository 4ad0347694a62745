from django.contrib import admin, messages

from catalogue import services
from catalogue.models import CartItem, Category, Favourite, PriceChart, Review, Service, ServiceImage
from revcare.admin import related_link


class PriceChartInline(admin.TabularInline):
    model = PriceChart
    extra = 0


class ServiceImageInline(admin.TabularInline):
    model = ServiceImage
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "time_hours", "difficulty", "is_active"]
    list_filter = ["category", "is_active", "fuel_types"]
    search_fields = ["title", "description"]
    list_select_related = ["category"]
    inlines = [PriceChartInline, ServiceImageInline]
    filter_horizontal = ["fuel_types"]

    def save_model(self, request, obj, form, change):
        obj.search_text = services.service_search_text(obj)
        super().save_model(request, obj, form, change)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [related_link("service"), related_link("customer"), "rating", "is_visible", "deleted_at",
                    "created_at"]
    list_filter = ["is_visible", "rating", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["service__title", "customer__public_id", "text"]
    list_select_related = ["service", "customer"]
    readonly_fields = ["service", "customer", "rating", "text", "moderated_by", "moderated_at", "deleted_at",
                       "created_at"]
    actions = ["hide", "restore"]

    def _moderate(self, request, queryset, visible: bool, reason: str):
        for review in queryset.select_related("service", "customer"):
            services.review_moderate(service=review.service, customer=review.customer, is_visible=visible,
                                     reason=reason, moderator=request.user)
        self.message_user(request, f"{queryset.count()} review(s) updated.", messages.SUCCESS)

    @admin.action(description="Hide selected reviews")
    def hide(self, request, queryset):
        self._moderate(request, queryset, False, "Hidden from Django admin")

    @admin.action(description="Restore selected reviews")
    def restore(self, request, queryset):
        self._moderate(request, queryset, True, "Restored from Django admin")


@admin.register(CartItem, Favourite)
class SavedServiceAdmin(admin.ModelAdmin):
    list_display = ["customer", "service", "added_at"]
    list_select_related = ["customer", "service"]
    search_fields = ["customer__public_id", "service__title"]
