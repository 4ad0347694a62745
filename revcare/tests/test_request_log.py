"""The request log names method, path, status, latency, caller and request id, and nothing personal."""

import logging

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import TEST_PASSWORD
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_log_line_has_the_useful_fields(caplog, customer):
    client = client_for(customer)
    with caplog.at_level(logging.INFO, logger="revcare.requests"):
        response = client.post("/auth/logout", HTTP_X_REQUEST_ID="trace-abc-123")
    line = next(record.getMessage() for record in caplog.records if record.name == "revcare.requests")
    assert line.startswith("POST /auth/logout 200 ")
    assert "ms " in line
    assert f"user={customer.public_id}" in line
    assert "request_id=trace-abc-123" in line
    assert response["X-Request-ID"] == "trace-abc-123"


def test_a_hostile_request_id_is_replaced(caplog):
    with caplog.at_level(logging.INFO, logger="revcare.requests"):
        response = APIClient().get("/health", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert "newline" not in caplog.text


def test_logs_carry_no_password_token_phone_or_email(caplog, customer):
    client = APIClient()
    with caplog.at_level(logging.DEBUG):
        login = client.post("/auth/login", {"username": customer.phone, "password": TEST_PASSWORD})
        client.post("/auth/login", {"username": customer.email, "password": "Wrong-Secret-99"})
        client.post("/auth/refresh")
        client.post(
            "/customers/register",
            {"phone": "9876501234", "email": "lakshmi@example.com", "first_name": "Lakshmi",
             "password": "Sturdy-Pass-42"},
        )
        client.post("/auth/password-reset", {"login": customer.email})
        client.get(f"/customers/{customer.phone}/lookup?email={customer.email}")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['access_token']}")
        client.post("/auth/logout")
    text = caplog.text
    assert "revcare.requests" in text and "/auth/login" in text
    for secret in (TEST_PASSWORD, "Wrong-Secret-99", "Sturdy-Pass-42", customer.phone, customer.email,
                   "9876501234", "lakshmi@example.com", login.json()["access_token"],
                   login.cookies["refresh_token"].value):
        assert secret not in text
