"""Every API error answers {"status", "message", "detail"}; nothing internal leaks."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from conftest import client_for

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, message: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "message", "detail"}
    assert body["status"] == status and body["message"] == message
    return body


def test_400_business_rule():
    response = APIClient().post("/auth/password-set", {"uid": "MQ", "token": "abc-def", "password": "N3w-Passw0rd!"})
    body = assert_error(response, 400, "Bad Request")
    assert "link is invalid" in body["detail"]


def test_400_malformed_json():
    response = APIClient().post("/auth/login", data="{not json", content_type="application/json")
    assert_error(response, 400, "Bad Request")


def test_401_without_token():
    body = assert_error(APIClient().post("/auth/logout"), 401, "Unauthorized")
    assert body["detail"] == "Authentication credentials were not provided."


def test_403_missing_scope(customer):
    body = assert_error(client_for(customer).get("/rbac/roles"), 403, "Forbidden")
    assert body["detail"] == "READ:RBAC scope required"


@pytest.mark.parametrize("path", ["/no-such-endpoint", "/bookings/999/unknown", "/auth/login/extra"])
def test_404_unknown_api_path_is_json(path):
    assert_error(APIClient().get(path), 404, "Not Found")


def test_404_unknown_portal_path_is_an_html_page():
    response = Client().get("/portal/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content


def test_405_wrong_method():
    body = assert_error(APIClient().get("/auth/login"), 405, "Method Not Allowed")
    assert body["detail"] == 'Method "GET" not allowed.'


def test_409_duplicate_registration(customer):
    response = APIClient().post(
        "/customers/register",
        {"phone": customer.phone, "email": "new@example.com", "first_name": "Dup", "password": "Sturdy-Pass-42"},
        format="json",
    )
    body = assert_error(response, 409, "Conflict")
    assert body["detail"] == "An account with this phone number already exists."


def test_422_lists_each_bad_field_and_why():
    response = APIClient().post(
        "/customers/register",
        {"phone": "12345", "email": "not-an-email", "first_name": "", "password": "Sturdy-Pass-42"},
        format="json",
    )
    body = assert_error(response, 422, "Unprocessable Entity")
    fields = {error["field"]: error["message"] for error in body["detail"]}
    assert set(fields) == {"phone", "email", "first_name"}
    assert fields["phone"] == "Enter a 10-digit phone number."
    assert User.objects.count() == 0


def test_429_throttled(customer):
    client = APIClient()
    for _ in range(5):
        client.post("/auth/login", {"username": customer.phone, "password": "Wrong-password1"})
    body = assert_error(client.post("/auth/login", {"username": customer.phone, "password": "x"}), 429,
                        "Too Many Requests")
    assert "throttled" in body["detail"]


@pytest.mark.urls("revcare.tests.broken_urls")
def test_500_from_an_api_view_hides_internals(caplog):
    response = APIClient().get("/boom")
    body = assert_error(response, 500, "Internal Server Error")
    assert "db-primary" not in response.content.decode() and "Traceback" not in response.content.decode()
    assert body["detail"].startswith("Something went wrong on our side")
    assert "db-primary.internal" in caplog.text  # the operator still sees what happened


@pytest.mark.urls("revcare.tests.broken_urls")
def test_500_from_a_plain_view_on_an_api_path_is_json():
    client = Client(raise_request_exception=False)
    response = client.get("/plain-boom")
    assert_error(response, 500, "Internal Server Error")
    assert b"secret internals" not in response.content


@pytest.mark.urls("revcare.tests.broken_urls")
def test_500_in_the_portal_is_a_page_in_the_portals_look():
    response = Client(raise_request_exception=False).get("/portal/boom/")
    page = response.content.decode()
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")
    assert "Something went wrong" in page and "bg-revcare" in page and "bootstrap.min.css" in page
    assert "secret internals" not in page
