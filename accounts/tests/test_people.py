"""Registration, invitations, password links, public ids and password hashing."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import User
from accounts.scopes import ACTIONS, DEFAULT_ROLE_SCOPES, RESOURCES
from accounts.services import staff_invite, user_create
from conftest import requires_postgres
from revcare.roles import RoleName

pytestmark = pytest.mark.django_db(transaction=False)

REGISTRATION = {
    "phone": "9876501234",
    "email": "Lakshmi@Example.com",
    "first_name": "Lakshmi",
    "last_name": "Iyer",
    "password": "Sturdy-Pass-42",
}


def link_in(message) -> tuple[str, str]:
    match = re.search(r"/portal/password/set/([^/]+)/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1), match.group(2)


REGISTERED = {"message": "Thank you. We have emailed you at the address you gave; sign in with your phone "
                          "number and password."}


def test_customer_registers_and_can_sign_in(django_capture_on_commit_callbacks):
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/customers/register", REGISTRATION, format="json")

    assert response.status_code == 202
    assert response.json() == REGISTERED
    customer = User.objects.get(phone=REGISTRATION["phone"])
    assert re.fullmatch(r"CST\d{6}", customer.public_id) and customer.role_id == "customer"
    assert [message.to for message in mail.outbox] == [["Lakshmi@Example.com"]]
    assert customer.public_id in mail.outbox[0].body
    login = client.post("/auth/login", {"username": "lakshmi@example.com", "password": "Sturdy-Pass-42"})
    assert login.status_code == 200


def test_registration_rejects_a_weak_password_and_writes_nothing():
    response = APIClient().post("/customers/register", {**REGISTRATION, "password": "12345678"}, format="json")
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["detail"]} == {"password"}
    assert User.objects.count() == 0 and len(mail.outbox) == 0


@pytest.mark.parametrize("taken", ["phone", "email"])
def test_registering_a_taken_phone_or_email_answers_as_a_new_registration_and_tells_the_holder(
        taken, customer, django_capture_on_commit_callbacks):
    attempt = {**REGISTRATION, "phone": customer.phone} if taken == "phone" else {
        **REGISTRATION, "email": customer.email.upper()}
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post("/customers/register", attempt, format="json")

    assert response.status_code == 202
    assert response.json() == REGISTERED
    assert User.objects.count() == 1 and User.objects.get().password == customer.password
    [notice] = mail.outbox
    assert notice.to == [customer.email]
    assert notice.subject == "Someone tried to register with your details"
    assert "/portal/password/reset/" in notice.body


def test_a_taken_phone_with_a_weak_password_gets_the_same_refusal_as_a_new_one(customer):
    new = APIClient().post("/customers/register", {**REGISTRATION, "password": "12345678"}, format="json")
    taken = APIClient().post("/customers/register", {**REGISTRATION, "phone": customer.phone,
                                                     "password": "12345678"}, format="json")
    assert taken.status_code == new.status_code == 422
    assert taken.json() == new.json()
    assert len(mail.outbox) == 0


def test_registrations_are_limited_per_address(settings, django_capture_on_commit_callbacks):
    settings.REGISTRATION_LIMIT_IP = "2/1h"
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/customers/register", {**REGISTRATION, "phone": f"987650000{number}",
                                                       "email": f"n{number}@example.com"}, format="json")
                   for number in range(3)]
    assert [answer.status_code for answer in answers] == [202, 202, 429]
    assert answers[2].json()["detail"] == "Too many registrations from your network. Try again in 60 minutes."
    assert User.objects.count() == 2 and len(mail.outbox) == 2


def test_passwords_are_hashed_with_argon2(production_hashers):
    user = user_create(role=RoleName.CUSTOMER, phone="9000012345", email="a@example.com", password="Sturdy-Pass-42")
    assert user.password.startswith("argon2$")


def test_outside_the_tests_the_settings_hash_with_argon2_first():
    # The suite hashes with a fast hasher (conftest.py); a fresh process reads the settings as a server does.
    first = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"],
        capture_output=True, text=True, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "revcare.settings"})
    assert first.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_public_ids_follow_the_role_prefix_and_are_never_reused():
    first = user_create(role=RoleName.MECHANIC, phone="9000000101", email="m1@example.com")
    second = user_create(role=RoleName.MECHANIC, phone="9000000102", email="m2@example.com")
    admin = user_create(role=RoleName.ADMIN, phone="9000000103", email="a1@example.com")
    assert re.fullmatch(r"MEC\d{6}", first.public_id)
    assert int(second.public_id[3:]) == int(first.public_id[3:]) + 1
    assert admin.public_id.startswith("ADM")
    first.delete()
    third = user_create(role=RoleName.MECHANIC, phone="9000000104", email="m3@example.com")
    assert int(third.public_id[3:]) == int(second.public_id[3:]) + 1


def test_invited_staff_set_their_password_through_the_emailed_link(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mechanic = staff_invite(role=RoleName.MECHANIC, invited_by=admin, phone="9000000301",
                                email="new.mechanic@example.com", first_name="Kiran")
    assert not mechanic.has_usable_password()
    uid, token = link_in(mail.outbox[-1])
    client = APIClient()
    assert client.post("/auth/login", {"username": "9000000301", "password": "anything"}).status_code == 401

    response = client.post("/auth/password-set", {"uid": uid, "token": token, "password": "Spanner-Set-77"},
                           format="json")

    assert response.status_code == 200
    assert client.post("/auth/login", {"username": "9000000301", "password": "Spanner-Set-77"}).status_code == 200
    reused = client.post("/auth/password-set", {"uid": uid, "token": token, "password": "Other-Pass-88"}, format="json")
    assert reused.status_code == 400  # a link works once


def test_password_reset_by_email_link(customer, django_capture_on_commit_callbacks):
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/auth/password-reset", {"login": customer.phone}, format="json")
    assert response.status_code == 202
    uid, token = link_in(mail.outbox[-1])
    old_session = client.post("/auth/login", {"username": customer.phone, "password": "Garage@2026"})
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {old_session.json()['access_token']}")

    new_password = {"uid": uid, "token": token, "password": "Brand-New-Pass-5"}
    assert client.post("/auth/password-set", new_password, format="json").status_code == 200

    # Setting a password ends the sessions signed in with the old one.
    assert client.post("/auth/logout").status_code == 401
    assert client.post("/auth/login", {"username": customer.phone, "password": "Brand-New-Pass-5"}).status_code == 200


def test_password_reset_says_the_same_for_unknown_accounts(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post("/auth/password-reset", {"login": "nobody@example.com"}, format="json")
    assert response.status_code == 202
    assert response.json()["message"].startswith("If an account matches")
    assert mail.outbox == []


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_creation_gives_unique_public_ids():
    created, errors = [], []
    start = threading.Barrier(8)

    def create(number: int) -> None:
        try:
            start.wait()
            for offset in range(5):
                user = user_create(role=RoleName.CUSTOMER, phone=f"95{number:02d}{offset:06d}",
                                   email=f"c{number}-{offset}@example.com")
                created.append(user.public_id)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(created) == 40 and len(set(created)) == 40
    assert sorted(created) == sorted(User.objects.values_list("public_id", flat=True))


def test_docs_match_the_seeded_defaults():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "auth-roles.md").read_text()
    rows = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:5]]
            for line in doc.splitlines() if line.startswith("| ") and line.split("|")[1].strip() in RESOURCES}
    assert set(rows) == set(RESOURCES)
    for column, role in enumerate(("admin", "mechanic", "customer")):
        documented = {f"{action}:{resource}" for resource, cells in rows.items()
                      for action in ACTIONS if action[0] in cells[column]}
        assert documented == DEFAULT_ROLE_SCOPES[role], role
