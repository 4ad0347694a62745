"""Every API error answers {"status", "message", "detail"}; nothing internal leaks."""

import json
from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from accounts.models import User
from bookings.models import Booking
from catalogue.models import Category
from conftest import client_for
from garage.models import Address
from revcare.views import csrf_failure

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, message: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "message", "detail"}
    assert body["status"] == status and body["message"] == message
    return body


def test_400_business_rule():
    response = APIClient().post("/auth/password-set", {"uid": "MQ", "token": "abc-def", "password": "N3w-Passw0rd!"},
                                format="json")
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


def test_413_a_json_body_over_the_upload_limit(customer, settings):
    over = json.dumps({"notes": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})  # the default limit, 2 MB
    body = assert_error(client_for(customer).post("/bookings/", over, content_type="application/json"), 413,
                        HTTPStatus(413).phrase)
    assert "larger than the 2 MB" in body["detail"]
    assert Booking.objects.count() == 0
    # Before sign-in too: the login throttle reads the body first.
    assert_error(APIClient().post("/auth/login", over, content_type="application/json"), 413, HTTPStatus(413).phrase)


def test_413_too_many_form_fields_or_files(admin, settings):
    fields = {f"field{number}": "1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    body = assert_error(APIClient().post("/auth/login", fields), 413, HTTPStatus(413).phrase)
    assert "more than 1000 fields" in body["detail"]

    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = {f"image{number}": SimpleUploadedFile(f"{number}.png", b"x", "image/png") for number in range(3)}
    body = assert_error(client_for(admin).post("/services/category", {"name": "Tyres", **files}, format="multipart"),
                        413, HTTPStatus(413).phrase)
    assert "more than 2 files" in body["detail"]
    assert not Category.objects.exists()


def test_413_a_portal_form_over_the_limits_is_a_page_in_the_portals_look(customer, settings):
    client = Client()
    client.force_login(customer)
    many_fields = {"label": "Home", **{f"field{number}": "1" for number in range(1001)}}
    for form, limit, why in (
        (many_fields, 2 * 1024 * 1024, "more than 1000 fields"),
        ({"label": "Home", "line1": "x" * 11 * 1024}, 10 * 1024, "larger than the 10 KB"),
    ):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = limit
        response = client.post("/portal/customer/addresses/add/", form)
        page = response.content.decode()
        assert response.status_code == 413 and response["Content-Type"].startswith("text/html")
        assert "Too much sent at once" in page and why in page and "navbar" in page
    assert not Address.objects.filter(customer=customer).exists()


def test_405_wrong_method():
    body = assert_error(APIClient().get("/auth/login"), 405, "Method Not Allowed")
    assert body["detail"] == 'Method "GET" not allowed.'


def test_409_duplicate_phone(admin, customer):
    response = client_for(admin).post(
        "/admins/", {"phone": customer.phone, "email": "new@example.com", "first_name": "Dup"}, format="json")
    body = assert_error(response, 409, "Conflict")
    assert body["detail"] == "An account with this phone number already exists."


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_415_form_data_where_the_route_takes_json(customer, encoding):
    body = {"vehicle_id": "1", "pickup_type": "doorstep", "timeslot_id": "1", "services": "1"}
    client = client_for(customer)
    if encoding == "multipart":
        response = client.post("/bookings/", body, format="multipart")
    else:
        response = client.post("/bookings/", urlencode(body), content_type="application/x-www-form-urlencoded")
    detail = assert_error(response, 415, "Unsupported Media Type")["detail"]
    assert detail.startswith('Unsupported media type "') and "in request" in detail
    assert not Booking.objects.exists()


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
    assert "Try again in 15 minutes" in body["detail"]


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


def test_an_unsafe_request_to_an_unknown_api_path_is_a_json_404_even_with_cookies():
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "whatever"
    response = client.delete("/address/area/null%2Cnull")
    assert_error(response, 404, "Not Found")


def test_a_missing_csrf_token_is_403_in_the_error_shape_on_api_paths_and_a_page_in_the_portal(customer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)
    page = client.post("/portal/customer/addresses/add/", {"label": "Home"})
    assert page.status_code == 403 and "security token" in page.content.decode() and "navbar" in page.content.decode()

    api = csrf_failure(RequestFactory().post("/bookings/1/cancel"))
    assert api.status_code == 403 and api["Content-Type"] == "application/json"
    assert json.loads(api.content)["message"] == "Forbidden"


# Found by the API fuzzing (revcare/tests/test_api_fuzz.py); kept here as fast regressions.


def test_options_on_an_object_route_answers_without_touching_the_object(customer):
    response = client_for(customer).options("/bookings/0/cancel")
    assert response.status_code == 200 and "actions" not in response.json()


def test_a_login_body_that_is_a_list_is_a_422_not_a_crash():
    response = APIClient().post("/auth/login", [None, None], format="json")
    assert response.status_code == 422


def test_ids_too_big_for_the_database_are_refused_not_overflowed(admin):
    client = client_for(admin)
    assert client.get("/payment/?booking_id=40740215340372240065626112").status_code == 422
    assert client.get("/services/40740215340372240065626112").status_code == 404
    assert client.post("/bookings/admin/check-in/99999999999999999999999").status_code == 404
