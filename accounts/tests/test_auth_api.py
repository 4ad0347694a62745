"""Sign-in, refresh, sign-out and revocation through the contract's /auth endpoints."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import LoginSession, RevokedToken, RoleScope
from accounts.services import user_set_active
from accounts.tasks import prune_revoked_tokens
from accounts.tests.factories import TEST_PASSWORD
from conftest import client_for

pytestmark = pytest.mark.django_db

INVALID = {"status": 401, "message": "Unauthorized", "detail": "Incorrect phone/email or password."}


def claims(raw_token: str) -> dict:
    return jwt.decode(raw_token, options={"verify_signature": False})


def login(client: APIClient, username: str, password: str = TEST_PASSWORD, as_json: bool = False):
    body = {"username": username, "password": password}
    if as_json:
        return client.post("/auth/login", body, format="json")
    return client.post("/auth/login", body)  # multipart form, as OAuth2 password-flow clients send


def test_form_login_returns_bearer_token_and_sets_refresh_cookie(customer):
    client = APIClient()
    response = login(client, customer.phone)

    assert response.status_code == 200
    assert set(response.json()) == {"access_token", "token_type"}
    assert response.json()["token_type"] == "bearer"
    cookie = response.cookies[settings.REFRESH_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/auth/"
    token = claims(response.json()["access_token"])
    assert token["sub"] == customer.public_id
    assert token["role"] == "customer"
    assert token["type"] == "access"
    assert "WRITE:BOOKINGS" in token["scopes"] and "READ:BACKUP" not in token["scopes"]
    assert token["jti"] and token["exp"] - token["iat"] == 30 * 60
    assert claims(cookie.value)["exp"] - claims(cookie.value)["iat"] == 7 * 24 * 3600


def test_json_login_with_email_in_any_case(customer):
    response = login(APIClient(), customer.email.upper(), as_json=True)
    assert response.status_code == 200
    assert claims(response.json()["access_token"])["sub"] == customer.public_id


def test_wrong_password_and_unknown_phone_get_the_same_answer(customer):
    wrong_password = login(APIClient(), customer.phone, "Not-the-password1")
    unknown_phone = login(APIClient(), "9123456789", "Not-the-password1")
    assert wrong_password.status_code == unknown_phone.status_code == 401
    assert wrong_password.json() == unknown_phone.json() == INVALID
    assert LoginSession.objects.count() == 0


def test_login_with_missing_fields_is_422_naming_them():
    response = APIClient().post("/auth/login", {}, format="json")
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["detail"]} == {"username", "password"}


def test_repeated_failures_for_one_login_name_are_throttled(customer):
    client = APIClient()
    for _ in range(5):
        assert login(client, customer.phone, "Wrong-password1").status_code == 401
    throttled = login(client, customer.phone)  # even the right password waits now
    assert throttled.status_code == 429
    assert throttled.json()["message"] == "Too Many Requests"
    assert int(throttled["Retry-After"]) > 0
    # Another account from the same address is not locked out by one name's failures.
    assert login(client, "9123456789", "Wrong-password1").status_code == 401


def test_a_successful_login_clears_the_failures_of_that_name(customer):
    client = APIClient()
    for _ in range(4):
        login(client, customer.phone, "Wrong-password1")
    assert login(client, customer.phone).status_code == 200
    for _ in range(4):
        assert login(client, customer.phone, "Wrong-password1").status_code == 401


def test_repeated_failures_from_one_ip_are_throttled_across_names(settings, customer):
    settings.LOGIN_FAILURE_LIMIT_IP = "3/1h"
    settings.LOGIN_FAILURE_LIMIT_NAME = "100/1h"
    client = APIClient()
    for number in range(3):
        assert login(client, f"900000000{number}", "Wrong-password1").status_code == 401
    assert login(client, customer.phone).status_code == 429


def test_refresh_rotates_the_refresh_token(customer):
    client = APIClient()
    login(client, customer.phone)
    first_refresh = client.cookies[settings.REFRESH_COOKIE_NAME].value

    response = client.post("/auth/refresh")

    assert response.status_code == 200
    new_access = response.json()["access_token"]
    second_refresh = response.cookies[settings.REFRESH_COOKIE_NAME].value
    assert second_refresh != first_refresh
    assert claims(second_refresh)["sid"] == claims(first_refresh)["sid"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {new_access}")
    assert client.post("/auth/logout").status_code == 200


def test_replaying_a_rotated_refresh_token_ends_the_whole_session(customer):
    victim = APIClient()
    login(victim, customer.phone)
    stolen_refresh = victim.cookies[settings.REFRESH_COOKIE_NAME].value
    victim_access = victim.post("/auth/refresh").json()["access_token"]  # rotates; stolen one is now revoked

    thief = APIClient()
    thief.cookies[settings.REFRESH_COOKIE_NAME] = stolen_refresh
    replay = thief.post("/auth/refresh")

    assert replay.status_code == 401
    # The victim's current tokens die with the session, so the thief's copy is worth nothing either.
    assert victim.post("/auth/refresh").status_code == 401
    victim.credentials(HTTP_AUTHORIZATION=f"Bearer {victim_access}")
    assert victim.post("/auth/logout").status_code == 401
    assert LoginSession.objects.get().revoked_reason == "refresh token reused"


def test_refresh_without_cookie_or_with_garbage_is_401():
    client = APIClient()
    assert client.post("/auth/refresh").json()["detail"] == "No refresh token cookie was sent."
    client.cookies[settings.REFRESH_COOKIE_NAME] = "not-a-token"
    assert client.post("/auth/refresh").status_code == 401


def test_logout_revokes_access_and_refresh_tokens_at_once(customer):
    client = client_for(customer)
    access, refresh = client.tokens.access, client.tokens.refresh

    response = client.post("/auth/logout")

    assert response.status_code == 200
    assert response.json() == {"message": "Successfully logged out"}
    assert response.cookies[settings.REFRESH_COOKIE_NAME].value == ""
    assert set(RevokedToken.objects.values_list("jti", flat=True)) == {claims(access)["jti"], claims(refresh)["jti"]}
    again = client.post("/auth/logout")
    assert again.status_code == 401
    assert again.json()["detail"] == "Token has been revoked."
    refresher = APIClient()
    refresher.cookies[settings.REFRESH_COOKIE_NAME] = refresh
    assert refresher.post("/auth/refresh").status_code == 401


def test_expired_access_token_is_401(customer):
    client = client_for(customer)
    token = AccessToken(client.tokens.access)
    token.set_exp(lifetime=-timedelta(seconds=1))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = client.post("/auth/logout")

    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert "expired" in response.json()["detail"].lower() or "not valid" in response.json()["detail"].lower()


def test_tampered_token_is_401(customer):
    client = client_for(customer)
    header, payload, signature = client.tokens.access.split(".")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {header}.{payload}.{signature[::-1]}")
    assert client.post("/auth/logout").status_code == 401


def test_deactivated_user_is_refused_at_once(customer):
    client = client_for(customer)
    user_set_active(user=customer, is_active=False)

    assert client.post("/auth/logout").status_code == 401
    assert client.post("/auth/refresh").status_code == 401
    assert login(APIClient(), customer.phone).json() == INVALID


def test_missing_scope_gives_the_exact_403_payload(customer, mechanic):
    for user in (customer, mechanic):
        response = client_for(user).get("/rbac/roles")
        assert response.status_code == 403
        assert response.json() == {"status": 403, "message": "Forbidden", "detail": "READ:RBAC scope required"}


def test_admin_reads_roles_and_their_scopes_from_the_database(admin_api_client):
    response = admin_api_client.get("/rbac/roles")
    assert response.status_code == 200
    roles = {role["name"]: set(role["scopes"]) for role in response.json()["results"]}
    assert set(roles) == {"admin", "mechanic", "customer"}
    assert "DELETE:BACKUP" in roles["admin"]
    assert "WRITE:BOOKING_PROGRESS" in roles["mechanic"] and "WRITE:BOOKINGS" not in roles["mechanic"]
    assert "WRITE:CART" in roles["customer"] and "READ:NOTIFICATION_LOG" not in roles["customer"]


def test_role_list_runs_a_constant_number_of_queries(admin_api_client, django_assert_max_num_queries):
    # session check, user, count, roles, scopes (prefetched)
    with django_assert_max_num_queries(5):
        admin_api_client.get("/rbac/roles")


def test_a_scope_removed_in_the_database_is_refused_in_new_tokens(admin):
    RoleScope.objects.filter(role_id="admin", scope__action="READ", scope__resource="RBAC").delete()
    response = client_for(admin).get("/rbac/roles")
    assert response.status_code == 403
    assert response.json()["detail"] == "READ:RBAC scope required"


def test_pruning_forgets_only_revocations_of_expired_tokens(customer):
    client = client_for(customer)
    client.post("/auth/logout")
    live_jtis = set(RevokedToken.objects.values_list("jti", flat=True))
    expired_session = LoginSession.objects.create(user=customer, expires_at=timezone.now() - timedelta(days=1))
    RevokedToken.objects.create(jti="old", token_type="access", login_session=expired_session,
                                expires_at=timezone.now() - timedelta(minutes=1))

    assert prune_revoked_tokens() == 1  # the task body; the worker round trip is tested with the outbox

    assert set(RevokedToken.objects.values_list("jti", flat=True)) == live_jtis
    assert client.post("/auth/logout").status_code == 401  # still refused: it has not expired yet
    assert not LoginSession.objects.filter(pk=expired_session.pk).exists()
