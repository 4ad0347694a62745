from django.contrib import admin, messages

from accounts import services
from accounts.models import LoginSession, PublicIdCounter, RevokedToken, Role, RoleScope, Scope, User
from accounts.portal.forms import AdminSignInForm
from revcare.admin import ReadOnlyModelAdmin as ReadOnlyAdmin

# Django admin's sign-in counts failures and locks names and addresses like the API and the portals.
admin.site.login_form = AdminSignInForm


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["public_id", "first_name", "last_name", "phone", "email", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["public_id", "first_name", "last_name", "phone", "email"]
    readonly_fields = ["public_id", "password", "last_login", "date_joined", "anonymised_at"]
    fields = ["public_id", "role", "first_name", "last_name", "phone", "email", "is_active",
              "password", "last_login", "date_joined", "anonymised_at"]
    actions = ["deactivate", "activate"]

    def has_delete_permission(self, request, obj=None):
        # People are anonymised or deactivated, never deleted: their bookings and payments stay.
        return False

    def has_add_permission(self, request):
        # New staff get an invitation email, customers register: both go through the API or portals.
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # Through the service: a change of role or deactivation ends that person's sign-ins.
        services.user_update(user=obj, changed_by=request.user,
                             **{name: form.cleaned_data[name] for name in form.changed_data})

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


# Every change of what a role grants goes through the services, which end its holders' sign-ins so no
# token or session keeps the old scopes.


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    inlines = [RoleScopeInline]

    def save_formset(self, request, form, formset, change):
        for role_scope in formset.save(commit=False):
            services.role_scope_save(role_scope=role_scope)
        for role_scope in formset.deleted_objects:
            services.role_scope_delete(role_scope=role_scope)


@admin.register(Scope)
class ScopeAdmin(admin.ModelAdmin):
    list_display = ["code", "action", "resource"]
    list_filter = ["action"]
    search_fields = ["resource", "action"]

    def save_model(self, request, obj, form, change):
        services.scope_save(scope=obj)

    def delete_model(self, request, obj):
        services.scope_delete(scope=obj)

    def delete_queryset(self, request, queryset):
        for scope in queryset:
            services.scope_delete(scope=scope)


@admin.register(RoleScope)
class RoleScopeAdmin(admin.ModelAdmin):
    list_display = ["role", "scope"]
    list_filter = ["role", "scope__action"]
    search_fields = ["scope__resource"]

    def save_model(self, request, obj, form, change):
        services.role_scope_save(role_scope=obj)

    def delete_model(self, request, obj):
        services.role_scope_delete(role_scope=obj)

    def delete_queryset(self, request, queryset):
        for role_scope in queryset:
            services.role_scope_delete(role_scope=role_scope)


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
