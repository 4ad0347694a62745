"""One failure limit for every way in (API, portal, Django admin), refusal before any password hashing,
a bound on concurrent hashing per process, and the same reset limit for the API and the portal."""

import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from accounts import services
from accounts.models import LoginSession
from accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Wrong-password1"


@pytest.fixture
def argon2_calls(monkeypatch, production_hashers, customer) -> list[str]:
    """Every Argon2 hash or verify the request ran (Django's hasher, counted, still doing its work), with
    production's hashers and `customer`'s password hashed by Argon2 (the suite's fast hasher is never counted)."""
    customer.set_password(TEST_PASSWORD)
    customer.save(update_fields=["password"])
    assert customer.password.startswith("argon2$")
    calls: list[str] = []
    encode, verify = Argon2PasswordHasher.encode, Argon2PasswordHasher.verify

    def counted_encode(self, *args, **kwargs):
        calls.append("encode")
        return encode(self, *args, **kwargs)

    def counted_verify(self, *args, **kwargs):
        calls.append("verify")
        return verify(self, *args, **kwargs)

    monkeypatch.setattr(Argon2PasswordHasher, "encode", counted_encode)
    monkeypatch.setattr(Argon2PasswordHasher, "verify", counted_verify)
    return calls


def api_login(username: str, password: str = TEST_PASSWORD):
    return APIClient().post("/auth/login", {"username": username, "password": password})


def csrf_token(client: Client, url: str) -> str:
    page = client.get(url)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def portal_sign_in(client: Client, username: str, password: str = TEST_PASSWORD):
    token = csrf_token(client, "/portal/login/")
    return client.post("/portal/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token})


def admin_sign_in(client: Client, username: str, password: str = TEST_PASSWORD):
    token = csrf_token(client, "/admin/login/")
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                     "csrfmiddlewaretoken": token, "next": "/admin/"})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_name_locked_through_the_api_cannot_sign_in_through_the_portal(customer):
    for _ in range(5):
        assert api_login(customer.phone, WRONG).status_code == 401
    client = Client(enforce_csrf_checks=True)

    refused = portal_sign_in(client, customer.phone)  # the right password

    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "Too many failed sign-ins for this account or from your network. Try again in 15 minutes."]
    assert not signed_in(client)


def test_wrong_passwords_in_the_portal_count_towards_the_api_lock(customer):
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        wrong = portal_sign_in(client, customer.email, WRONG)
        assert "Incorrect phone/email or password." in wrong.content.decode()

    throttled = api_login(customer.email.upper())  # the same name in any case

    assert throttled.status_code == 429
    assert throttled.json() == {"status": 429, "message": "Too Many Requests", "detail":
                                "Too many failed sign-ins for this account or from your network. "
                                "Try again in 15 minutes."}
    assert int(throttled["Retry-After"]) > 0
    assert LoginSession.objects.count() == 0


def test_django_admin_sign_in_is_limited_like_every_other_way_in(admin):
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        assert admin_sign_in(client, admin.phone, WRONG).status_code == 200

    refused = admin_sign_in(client, admin.phone)

    assert refused.status_code == 200
    assert "Too many failed sign-ins" in refused.content.decode()
    assert not signed_in(client)
    assert api_login(admin.phone).status_code == 429


def test_failures_from_one_address_lock_every_name_in_the_portal(settings, customer):
    settings.LOGIN_FAILURE_LIMIT_IP = "3/1h"
    client = Client(enforce_csrf_checks=True)
    for number in range(3):
        portal_sign_in(client, f"900000000{number}", WRONG)

    refused = portal_sign_in(client, customer.phone)

    assert "Too many failed sign-ins" in refused.content.decode()
    assert not signed_in(client)


def test_over_the_limit_the_password_is_never_hashed(customer, argon2_calls):
    for _ in range(5):
        api_login(customer.phone, WRONG)
    assert argon2_calls  # wrong passwords were checked, and unknown names hashed anyway
    argon2_calls.clear()

    assert api_login(customer.phone).status_code == 429
    assert portal_sign_in(Client(), customer.phone).status_code == 200

    assert argon2_calls == []


def test_when_every_hashing_slot_is_busy_a_sign_in_is_refused_at_once_without_hashing(
        settings, customer, argon2_calls):
    settings.PASSWORD_CHECK_WAIT_SECONDS = 0
    settings.PASSWORD_CHECK_CONCURRENCY = 2
    with ExitStack() as held:
        for _ in range(2):  # what two sign-ins hashing at this moment, in any server process, would hold
            held.enter_context(services.password_check_slot())
        busy = api_login(customer.phone)
        page = portal_sign_in(Client(), customer.phone)

    assert busy.status_code == 503
    assert busy.json()["detail"] == "Too many sign-ins at once. Please try again in a moment."
    assert busy["Retry-After"] == "1"
    assert page.context["form"].non_field_errors() == ["Too many sign-ins at once. Please try again in a moment."]
    assert argon2_calls == []
    assert LoginSession.objects.count() == 0
    # A busy server is not a wrong password: nothing was counted against the name.
    assert api_login(customer.phone).status_code == 200


def test_the_portal_reset_form_shares_the_api_reset_limit(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            assert APIClient().post("/auth/password-reset", {"login": customer.phone}, format="json").status_code == 202
    assert len(mail.outbox) == 10
    client = Client(enforce_csrf_checks=True)
    token = csrf_token(client, "/portal/password/reset/")

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post("/portal/password/reset/", {"login": customer.phone, "csrfmiddlewaretoken": token})

    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "Too many password reset requests from your network. Try again in 60 minutes."]
    assert len(mail.outbox) == 10
    assert APIClient().post("/auth/password-reset", {"login": customer.phone}, format="json").status_code == 429


def test_the_portal_reset_form_alone_is_limited(customer, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/portal/password/reset/", {"login": customer.phone}) for _ in range(15)]
    assert [answer.status_code for answer in answers] == [302] * 10 + [200] * 5
    assert len(mail.outbox) == 10


def test_attempts_arriving_together_are_each_counted_once():
    """Sixteen attempts at once against a limit of five: exactly five pass, whatever the interleaving
    (an atomic increment in the cache, Redis in CI), and the refused ones do not prolong the lock."""
    limit = services.AttemptLimit("test_burst", "203.0.113.9", "5/15m")
    with ThreadPoolExecutor(max_workers=16) as pool:
        waits = list(pool.map(lambda _: limit.take(), range(16)))
    assert waits.count(0) == 5
    assert all(800 < wait <= 900 for wait in waits if wait)
    limit.give_back()
    assert limit.wait() == 0 and limit.take() == 0 and limit.take() > 0


def test_registering_a_taken_phone_hashes_like_a_new_registration(argon2_calls, customer):
    """The answer is the same either way; the time taken must not differ by a skipped Argon2 hash."""
    details = {"email": "someone.new@example.com", "first_name": "Lakshmi", "last_name": "Iyer",
               "password": "Sturdy-Pass-42"}
    new = APIClient().post("/customers/register", {**details, "phone": "9876501234"}, format="json")
    hashed_for_new = argon2_calls.count("encode")
    argon2_calls.clear()
    taken = APIClient().post("/customers/register", {**details, "phone": customer.phone,
                                                     "email": "another.new@example.com"}, format="json")
    assert (new.status_code, taken.status_code) == (202, 202) and new.json() == taken.json()
    assert hashed_for_new == argon2_calls.count("encode") == 1
