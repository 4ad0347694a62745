"""The admin desk's settings and backups pages, over the same services as the API."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from conftest import signed_in
from garage import backups
from garage.models import Area, Content, GarageSettings, GstRate, Timeslot
from garage.selectors import garage_settings_get

pytestmark = pytest.mark.django_db



def test_a_new_gst_rate_is_set_with_history_and_nonsense_is_refused(admin):
    client = signed_in(admin)
    client.post("/portal/desk/settings/gst/", {"percent": "12"})
    assert GstRate.objects.latest().percent == Decimal("12.00") and GstRate.objects.latest().set_by == admin
    refused = client.post("/portal/desk/settings/gst/", {"percent": "40"})
    assert "percent" in refused.context["form"].errors and GstRate.objects.latest().percent == Decimal("12.00")
    page = client.get("/portal/desk/settings/gst/").content.decode()
    assert 'id="gst-current">12.00%' in page and "18.00%" in page  # the history keeps the old rate


def test_content_is_published_with_an_image_and_previewed(admin):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (10, 60, 140)).save(buffer, "PNG")
    image = SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")
    client = signed_in(admin)
    client.post("/portal/desk/settings/content/home-banner/", {"title": "Diwali check-up", "body": "20% off brakes",
                                                               "image": image})
    content = Content.objects.get(slug="home-banner")
    assert content.title == "Diwali check-up" and content.updated_by == admin
    assert content.image.name.endswith(".jpg") and "banner" not in content.image.name  # re-encoded, renamed
    page = client.get("/portal/desk/settings/content/home-banner/").content.decode()
    assert 'id="content-preview"' in page and "Diwali check-up" in page and content.image.url in page
    client.post("/portal/desk/settings/content/home-banner/", {"title": "Diwali check-up", "body": "25% off"})
    content.refresh_from_db()
    assert content.body == "25% off" and content.image  # the image stays unless cleared
    assert "Diwali check-up" in Client().get("/").content.decode()
    assert client.get("/portal/desk/settings/content/made-up/").status_code == 404


def test_timeslots_change_capacity_and_a_taken_name_or_a_backwards_window_is_refused(admin):
    client = signed_in(admin)
    evening = Timeslot.objects.get(name="Evening")
    fields = {"slot-name": "Evening", "slot-start_time": "16:00", "slot-end_time": "19:00", "slot-capacity": "9",
              "slot-is_active": "on"}
    client.post(f"/portal/desk/settings/timeslots/{evening.pk}/", fields)
    assert Timeslot.objects.get(pk=evening.pk).capacity == 9
    taken = client.post("/portal/desk/settings/timeslots/", {**fields, "slot-name": "Morning"})
    assert list(taken.context["form"].errors) == ["name"]
    backwards = client.post("/portal/desk/settings/timeslots/", {**fields, "slot-name": "Late",
                                                                 "slot-start_time": "22:00", "slot-end_time": "21:00"})
    assert "end_time" in backwards.context["form"].errors and not Timeslot.objects.filter(name="Late").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_are_made_and_a_restore_needs_the_name_typed(admin):
    client = signed_in(admin)
    client.post("/portal/desk/operations/backups/new/")  # the task runs in-process here
    [backup] = backups.backup_list()
    assert backup.name in client.get("/portal/desk/operations/backups/").content.decode()
    Area.objects.create(name="Added after the backup", pincode="600099")
    wrong = client.post(f"/portal/desk/operations/backups/{backup.name}/restore/", {"confirm_name": "yes"})
    assert "does not match" in wrong.content.decode()
    assert Area.objects.filter(name="Added after the backup").exists() and len(backups.backup_list()) == 1
    client.post(f"/portal/desk/operations/backups/{backup.name}/restore/", {"confirm_name": backup.name})
    assert not Area.objects.filter(name="Added after the backup").exists()
    assert len(backups.backup_list()) == 2  # the safety backup taken first
    client.post(f"/portal/desk/operations/backups/{backup.name}/delete/")
    assert backup.name not in [b.name for b in backups.backup_list()]
    assert client.get("/portal/desk/operations/backups/..%2Fetc%2Fpasswd/restore/").status_code == 404


def test_the_handover_code_policy_is_off_at_first_and_an_admin_turns_it_on(admin, customer, mechanic):
    client = signed_in(admin)
    page = client.get("/portal/desk/settings/policies/")
    assert "no code is asked for" in page.content.decode()
    assert page.context["form"]["handover_code_required"].value() is False
    assert 'href="/portal/desk/settings/policies/"' in client.get("/portal/desk/settings/").content.decode()
    for person in (customer, mechanic):
        assert signed_in(person).post("/portal/desk/settings/policies/",
                                      {"handover_code_required": "on"}).status_code == 403
    assert garage_settings_get().handover_code_required is False
    client.post("/portal/desk/settings/policies/", {"handover_code_required": "on"})
    saved = garage_settings_get()
    assert saved.handover_code_required is True and saved.updated_by == admin
    assert "the customer's code is required" in client.get("/portal/desk/settings/policies/").content.decode()
    client.post("/portal/desk/settings/policies/", {})  # an unticked box is not sent
    assert garage_settings_get().handover_code_required is False and GarageSettings.objects.count() == 1


def test_django_admin_edits_the_one_row_and_adds_or_deletes_none(admin):
    client = signed_in(admin)
    row = GarageSettings.objects.get()
    assert client.get("/admin/garage/garagesettings/add/").status_code == 403
    assert client.post(f"/admin/garage/garagesettings/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/garage/garagesettings/{row.pk}/change/", {"handover_code_required": "on"})
    row.refresh_from_db()
    assert row.handover_code_required is True and row.updated_by == admin and GarageSettings.objects.count() == 1
