"""Shared Django admin pieces."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Audit and financial records: staff read them; only RevCare's own code writes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
