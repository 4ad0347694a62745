from django.contrib import admin, messages

from accounts import services
from accounts.models import LoginSession, MechanicProfile, PublicIdCounter, RevokedToken, Role, RoleScope, Scope, User
from revcare.admin import ReadOnlyModelAdmin as ReadOnlyAdmin


class MechanicProfileInline(admin.StackedInline):
    model = MechanicProfile
    can_delete = False
    readonly_fields = ["score"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["public_id", "first_name", "last_name", "phone", "email", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["public_id", "first_name", "last_name", "phone", "email"]
    readonly_fields = ["public_id", "password", "last_login", "date_joined", "anonymised_at"]
    fields = ["public_id", "role", "first_name", "last_name", "phone", "email", "is_active",
              "password", "last_login", "date_joined", "anonymised_at"]
    inlines = [MechanicProfileInline]
    actions = ["deactivate", "activate"]

    def has_delete_permission(self, request, obj=None):
        # People are anonymised or deactivated, never deleted: their bookings and payments stay.
        return False

    def has_add_permission(self, request):
        # New staff get an invitation email, customers register: both go through the API or portals.
        return False

    @admin.action(description="Deactivate selected users (ends their sessions)")
    def deactivate(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.user_set_active(user=user, is_active=False)
        self.message_user(request, "Deactivated.", messages.SUCCESS)

    @admin.action(description="Activate selected users")
    def activate(self, request, queryset):
        for user in queryset:
            services.user_set_active(user=user, is_active=True)
        self.message_user(request, "Activated.", messages.SUCCESS)


class RoleScopeInline(admin.TabularInline):
    model = RoleScope
    extra = 0
    autocomplete_fields = ["scope"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    inlines = [RoleScopeInline]


@admin.register(Scope)
class ScopeAdmin(admin.ModelAdmin):
    list_display = ["code", "action", "resource"]
    list_filter = ["action"]
    search_fields = ["resource", "action"]


@admin.register(RoleScope)
class RoleScopeAdmin(admin.ModelAdmin):
    list_display = ["role", "scope"]
    list_filter = ["role", "scope__action"]
    search_fields = ["scope__resource"]


@admin.register(LoginSession)
class LoginSessionAdmin(ReadOnlyAdmin):
    list_display = ["id", "user", "created_at", "expires_at", "revoked_at", "revoked_reason"]
    list_filter = ["revoked_reason"]
    search_fields = ["user__public_id"]
    list_select_related = ["user"]


@admin.register(RevokedToken)
class RevokedTokenAdmin(ReadOnlyAdmin):
    list_display = ["jti", "token_type", "revoked_at", "expires_at"]
    list_filter = ["token_type"]


@admin.register(PublicIdCounter)
class PublicIdCounterAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "last_value"]
