"""Django admin: every model is registered and its pages open for an admin."""

import pytest
from django.apps import apps
from django.contrib import admin as django_admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from catalogue.tests.factories import ServiceFactory
from frontdesk.demo import booking_new
from garage.models import GstRate
from garage.tests.factories import AddressFactory, CustomerCarFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "garage", "catalogue", "bookings", "workshop", "aftercare", "payments", "notifications"}


def test_every_model_of_ours_is_registered_or_inlined():
    ours = {model for model in apps.get_models() if model._meta.app_label in OUR_APPS}
    inlined = {inline.model for model_admin in django_admin.site._registry.values() for inline in model_admin.inlines}
    missing = {model.__name__ for model in ours if model not in django_admin.site._registry and model not in inlined}
    assert missing == set()


@pytest.fixture
def admin_browser(admin):
    call_command("seed_demo", verbosity=0)
    client = Client()
    client.force_login(admin)
    return client


def test_every_changelist_and_change_page_opens(admin_browser):
    for model, model_admin in django_admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert admin_browser.get(reverse(f"{name}_changelist")).status_code == 200, name
        row = model.objects.first()
        if row is not None:
            page = admin_browser.get(reverse(f"{name}_change", args=[row.pk]))
            assert page.status_code == 200, name


def test_audit_and_financial_history_rows_are_read_only(admin_browser):
    rate = GstRate.objects.first()
    page = admin_browser.get(reverse("admin:garage_gstrate_change", args=[rate.pk]))
    assert b'name="percent"' not in page.content  # shown, not editable
    assert admin_browser.get(reverse("admin:garage_gstrate_add")).status_code == 403


def test_lists_link_to_related_records_and_a_booking_opens_on_the_desk(admin_browser, customer):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    page = admin_browser.get("/admin/bookings/booking/").content.decode()
    assert f'href="/admin/accounts/user/{customer.pk}/change/"' in page
    change = admin_browser.get(f"/admin/bookings/booking/{booking.pk}/change/").content.decode()
    assert f"/portal/desk/bookings/{booking.pk}/" in change  # "view on site" goes to the desk
