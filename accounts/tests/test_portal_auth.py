"""Session sign-in for the portals: the same people and role rules as the API, with CSRF on."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf_token(client: Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def sign_in(client: Client, login: str, password: str = TEST_PASSWORD):
    token = csrf_token(client, "/portal/login/")
    return client.post("/portal/login/", {"username": login, "password": password, "csrfmiddlewaretoken": token},
                       follow=True)


@pytest.mark.parametrize("persona, home", [("customer", "/portal/customer/bookings/"),
                                           ("mechanic", "/portal/mechanic/"), ("admin", "/portal/desk/")])
def test_each_role_lands_on_its_own_portal(request, persona, home):
    user = request.getfixturevalue(persona)
    client = csrf_client()
    response = sign_in(client, user.phone)
    assert response.redirect_chain[-1][0] == home
    assert user.get_full_name() in response.content.decode()


def test_sign_in_by_email_and_wrong_password_message(customer):
    client = csrf_client()
    wrong = sign_in(client, customer.email, "Wrong-password1")
    assert "Incorrect phone/email or password." in wrong.content.decode()
    assert sign_in(client, customer.email).redirect_chain[-1][0] == "/portal/customer/bookings/"


def test_login_without_csrf_token_is_refused(customer):
    response = csrf_client().post("/portal/login/", {"username": customer.phone, "password": TEST_PASSWORD})
    assert response.status_code == 403


def test_a_customer_cannot_open_the_admin_desk_or_django_admin(customer):
    client = csrf_client()
    sign_in(client, customer.phone)
    desk = client.get("/portal/desk/")
    assert desk.status_code == 403 and desk["Content-Type"].startswith("text/html")
    assert client.get("/admin/").status_code == 302  # Django admin asks for a staff sign-in


def test_admin_reaches_django_admin(admin):
    client = csrf_client()
    sign_in(client, admin.phone)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert "RevCare administration" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get("/portal/customer/")
    assert response.status_code == 302 and response["Location"].startswith("/portal/login/")
    assert Client().get("/").status_code == 200


def test_sign_out_needs_a_post_with_csrf(customer):
    client = csrf_client()
    sign_in(client, customer.phone)
    token = csrf_token(client, "/portal/customer/bookings/")
    response = client.post("/portal/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/portal/customer/").status_code == 302


def test_password_reset_through_the_portal(customer, django_capture_on_commit_callbacks):
    client = csrf_client()
    token = csrf_token(client, "/portal/password/reset/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/portal/password/reset/", {"login": customer.email, "csrfmiddlewaretoken": token})
    link = re.search(r"(/portal/password/set/[^/]+/[^/\s]+/)", mail.outbox[-1].body).group(1)

    mismatch = client.post(link, {"password": "Brand-New-Pass-5", "password_again": "Other-Pass-6",
                                  "csrfmiddlewaretoken": csrf_token(client, link)})
    assert "The two passwords differ." in mismatch.content.decode()
    done = client.post(link, {"password": "Brand-New-Pass-5", "password_again": "Brand-New-Pass-5",
                              "csrfmiddlewaretoken": csrf_token(client, link)}, follow=True)
    assert "Your password is set" in done.content.decode()
    assert sign_in(csrf_client(), customer.phone, "Brand-New-Pass-5").redirect_chain[-1][0] == (
        "/portal/customer/bookings/")
    assert client.get(link).status_code == 400  # used links stop working
