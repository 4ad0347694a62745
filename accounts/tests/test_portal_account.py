"""Signing up and keeping one's details in the customer portal (server-rendered, no browser)."""

import pytest
from django.test import Client

from accounts.models import User
from conftest import signed_in

pytestmark = pytest.mark.django_db

SIGN_UP = {"first_name": "Meena", "last_name": "Iyer", "phone": "9876501234", "email": "meena@example.in",
           "password": "Servic3-Me-Well", "password_again": "Servic3-Me-Well"}



THANKS = "Thank you, Meena. We have emailed you at meena@example.in. Sign in with your mobile number and password."


def test_signing_up_sends_to_sign_in_and_then_asks_for_a_car(mailoutbox, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/register/", SIGN_UP)
    assert response.status_code == 302
    assert response["Location"] == "/portal/login/?next=/portal/customer/cars/"
    user = User.objects.get(phone="9876501234")
    assert user.role_id == "customer" and user.check_password("Servic3-Me-Well")
    sign_in_page = client.get(response["Location"]).content.decode()
    assert THANKS in sign_in_page
    assert [mail.subject for mail in mailoutbox] == ["Welcome to RevCare"]
    signed_in = client.post("/portal/login/?next=/portal/customer/cars/",
                            {"username": "9876501234", "password": "Servic3-Me-Well"})
    assert signed_in["Location"] == "/portal/customer/cars/"


def test_signing_up_returns_to_the_page_the_visitor_came_from_but_never_off_site():
    back = Client().post("/portal/register/", {**SIGN_UP, "next": "/portal/services/"})
    assert back["Location"] == "/portal/login/?next=/portal/services/"
    other = {**SIGN_UP, "phone": "9876501299", "email": "b@example.in", "next": "https://evil.example/"}
    assert Client().post("/portal/register/", other)["Location"] == "/portal/login/?next=/portal/customer/cars/"


def test_a_taken_phone_looks_like_a_new_sign_up_and_the_holder_is_told(
        customer, mailoutbox, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/register/", {**SIGN_UP, "phone": customer.phone})
    assert response.status_code == 302
    assert response["Location"] == "/portal/login/?next=/portal/customer/cars/"
    assert THANKS in client.get(response["Location"]).content.decode()
    assert User.objects.filter(email="meena@example.in").count() == 0
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        ([customer.email], "Someone tried to register with your details")]


def test_portal_sign_ups_share_the_registration_limit(settings, db):
    settings.REGISTRATION_LIMIT_IP = "1/1h"
    client = Client()
    assert client.post("/portal/register/", SIGN_UP).status_code == 302
    refused = client.post("/portal/register/", {**SIGN_UP, "phone": "9876501299", "email": "b@example.in"})
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "Too many registrations from your network. Try again in 60 minutes."]
    assert not User.objects.filter(phone="9876501299").exists()


def test_a_weak_or_mistyped_password_is_refused(db):
    weak = Client().post("/portal/register/", {**SIGN_UP, "password": "12345678", "password_again": "12345678"})
    assert "password" in weak.context["form"].errors
    differ = Client().post("/portal/register/", {**SIGN_UP, "password_again": "Something-else-1"})
    assert differ.context["form"].errors == {"password_again": ["The two passwords differ."]}
    assert not User.objects.filter(phone="9876501234").exists()


def test_a_customer_changes_their_details_but_not_to_someone_elses_email(customer, other_customer):
    client = signed_in(customer)
    fields = {"first_name": "Priya", "last_name": "R", "phone": customer.phone, "email": "priya.new@example.in"}
    assert client.post("/portal/customer/profile/", fields).status_code == 302
    customer.refresh_from_db()
    assert (customer.last_name, customer.email) == ("R", "priya.new@example.in")
    taken = client.post("/portal/customer/profile/", {**fields, "email": other_customer.email})
    assert taken.context["form"].errors == {"email": ["An account with this email address already exists."]}
    customer.refresh_from_db()
    assert customer.email == "priya.new@example.in"


def test_staff_get_the_not_allowed_page_in_the_portals_look(mechanic):
    response = signed_in(mechanic).get("/portal/customer/profile/")
    page = response.content.decode()
    assert response.status_code == 403 and "Not allowed" in page and "navbar" in page
