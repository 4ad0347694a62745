"""Backups: a real dump, restored to exactly the data it held; only our own names, only in BACKUP_DIR."""

import fcntl
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from accounts.tests.factories import CustomerFactory
from bookings.models import Booking
from bookings.tests.flow import BookingFlow
from conftest import client_for
from garage import backups
from garage.models import Area
from garage.tasks import backup_daily
from revcare.errors import ApplicationError, ConflictError

ALL_DATA = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # dumps read committed data


def every_row() -> dict[str, list]:
    """Every row of every table, in primary-key order."""
    return {model._meta.label: list(model.objects.order_by("pk").values_list())
            for model in apps.get_models() if model._meta.managed}


@ALL_DATA
def test_backup_change_restore_gives_back_exactly_the_data(customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    before = every_row()

    backup = backups.backup_create()
    assert backup.size > 0 and backup.database == backups.database_kind()

    CustomerFactory(first_name="Intruder")
    Booking.objects.filter(pk=flow.booking_id).update(status="cancelled", notes="changed")
    Area.objects.create(name="Added after the backup", pincode="600099")
    assert every_row() != before

    safety = backups.backup_restore(name=backup.name)

    assert every_row() == before
    assert [b.name for b in backups.backup_list()] == sorted([backup.name, safety.name], reverse=True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "..", "revcare-sqlite-20260101-000000.sqlite3;rm",
                                  "revcare-sqlite-20260101-000000.sqlite3/../../x", "backup.sqlite3",
                                  "revcare-sqlite-2026-000000.sqlite3"])
def test_names_that_are_not_ours_are_400_and_touch_nothing(admin, name):
    client = client_for(admin)
    response = client.post("/backup/restore", {"name": name}, format="json")
    assert response.status_code == 400, response.content
    assert list(settings.BACKUP_DIR.glob("*.sqlite3")) == []


@pytest.mark.django_db
def test_a_missing_name_is_a_validation_error(admin):
    response = client_for(admin).post("/backup/restore", {"name": ""}, format="json")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "name"


@pytest.mark.django_db
def test_a_symlink_in_the_backup_folder_is_refused(admin, tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    kind = backups.database_kind()
    link = settings.BACKUP_DIR / f"revcare-{kind}-20260101-000000.{backups.SUFFIX[kind]}"
    os.symlink(outside, link)
    client = client_for(admin)
    assert client.delete(f"/backup/delete/{link.name}").status_code == 400
    assert client.post("/backup/restore", {"name": link.name}, format="json").status_code == 400
    assert outside.read_text() == "keep me"
    assert client.delete("/backup/delete/..").status_code == 400


@pytest.mark.django_db
def test_a_backup_of_the_other_database_kind_is_refused(admin):
    other = "postgresql" if backups.database_kind() == "sqlite" else "sqlite"
    settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    name = f"revcare-{other}-20260101-000000.{backups.SUFFIX[other]}"
    (settings.BACKUP_DIR / name).write_bytes(b"not this kind")
    response = client_for(admin).post("/backup/restore", {"name": name}, format="json")
    assert response.status_code == 400 and "this RevCare runs on" in response.json()["detail"]


@ALL_DATA
def test_two_backups_never_run_at_once():
    settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.BACKUP_DIR / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ConflictError):
            backups.backup_create()
    assert backups.backup_create().name


@ALL_DATA
def test_the_api_creates_lists_and_deletes_backups(admin):
    client = client_for(admin)
    assert client.post("/backup/create").status_code == 202  # the task runs in-process here
    listed = client.get("/backup/list").json()["results"]
    assert len(listed) == 1 and listed[0]["size"] > 0 and listed[0]["database"] == backups.database_kind()
    assert client.delete(f"/backup/delete/{listed[0]['name']}").status_code == 204
    assert client.get("/backup/list").json()["count"] == 0
    assert client.delete(f"/backup/delete/{listed[0]['name']}").status_code == 404


@ALL_DATA
def test_daily_backup_keeps_the_newest(settings):
    settings.BACKUP_KEEP = 2
    settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    kind = backups.database_kind()
    for day in ("20260101", "20260102", "20260103"):
        (settings.BACKUP_DIR / f"revcare-{kind}-{day}-000000.{backups.SUFFIX[kind]}").write_bytes(b"old")
    deleted = backup_daily()
    names = [b.name for b in backups.backup_list()]
    assert len(names) == 2 and names[1].startswith(f"revcare-{kind}-20260103")
    assert len(deleted) == 2


def test_backup_path_refuses_other_names_before_touching_the_disk():
    with pytest.raises(ApplicationError):
        backups.backup_name_checked("not-a-backup")


@pytest.mark.django_db
def test_a_backup_inside_an_open_transaction_is_refused_not_hung():
    if backups.database_kind() != "sqlite":
        pytest.skip("pg_dump reads committed data from its own connection; only SQLite's backup API could wait")
    with pytest.raises(ConflictError, match="outside database transactions"):
        backups.backup_create()


def test_with_the_broker_down_a_backup_request_is_refused_clearly_not_a_500(admin, broker_unreachable, settings):
    settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    browser = Client()
    browser.force_login(admin)
    with broker_unreachable():
        answer = client_for(admin).post("/backup/create")
        page = browser.post("/portal/desk/operations/backups/new/", follow=True)
    assert answer.status_code == 503 and answer["Retry-After"] == "60"
    assert answer.json()["detail"].startswith("Backups cannot be queued right now")
    assert "Backups cannot be queued right now" in page.content.decode()
    assert backups.backup_list() == []
