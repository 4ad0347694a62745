"""Shared Django admin pieces."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Audit and financial records: staff read them; only RevCare's own code writes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def related_link(field: str, label: str | None = None):
    """A changelist column linking to the related object's own admin page."""

    @admin.display(description=label or field.replace("_", " "), ordering=field)
    def column(obj):
        related = getattr(obj, field)
        if related is None:
            return "—"
        url = reverse(f"admin:{related._meta.app_label}_{related._meta.model_name}_change", args=[related.pk])
        return format_html('<a href="{}">{}</a>', url, related)

    column.__name__ = f"{field}_link"
    return column
