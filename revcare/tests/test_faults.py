"""Faults from the real parts: the database connection dropped under a request."""

import psycopg
import pytest
from django.db import connection
from django.test import Client

from catalogue.tests.factories import ServiceFactory
from conftest import client_for, requires_postgres
from frontdesk.demo import booking_new
from garage.tests.factories import AddressFactory, CustomerCarFactory
from notifications.models import Notification


def drop_our_database_connection():
    """What a PostgreSQL restart or failover does to an app server's open connection."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin_connection:
        admin_connection.execute("SELECT pg_terminate_backend(%s)", [pid])


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every transactional test here
def test_a_dropped_connection_is_a_503_then_the_next_request_works(customer):
    api = client_for(customer)
    assert api.get("/address/").status_code == 200
    drop_our_database_connection()
    failed = api.get("/address/")
    assert failed.status_code == 503 and failed["Retry-After"] == "5"
    assert failed.json()["detail"].startswith("The database is briefly unreachable")
    assert "Traceback" not in failed.content.decode() and "psycopg" not in failed.content.decode()
    assert api.get("/address/").status_code == 200


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every transactional test here
def test_a_dropped_connection_under_a_page_is_a_503_page(customer):
    browser = Client()
    browser.force_login(customer)
    drop_our_database_connection()
    page = browser.get("/portal/customer/cars/")
    assert page.status_code == 503 and "Back in a moment" in page.content.decode()
    assert browser.get("/portal/customer/cars/").status_code == 200


REDIS_DOWN = {"default": {"BACKEND": "revcare.cache.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}


@pytest.mark.django_db
def test_with_the_cache_down_sign_in_pages_booking_and_mail_keep_working(
        settings, customer, django_capture_on_commit_callbacks):
    # Nothing listens on port 1: the cache refuses connections for real. (The broker's outage, with a real
    # worker, is notifications/tests/test_real_worker.py::test_a_broker_outage_delays_mail_but_loses_none.)
    settings.CACHES = REDIS_DOWN
    login = Client().post("/auth/login", {"username": customer.phone, "password": "Garage@2026"})
    assert login.status_code == 200 and login.json()["access_token"]
    wrong = Client().post("/auth/login", {"username": customer.phone, "password": "nope"})
    assert wrong.status_code == 401  # throttling forgets during the outage; it does not fail
    browser = Client()
    browser.force_login(customer)
    assert browser.get("/portal/customer/bookings/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the email is handed on at commit
        booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                              services_with_qty=[(ServiceFactory(), 1)],
                              address=AddressFactory(customer=customer))
    # Tasks run in-process in these tests: the booking email goes out although the cache is down.
    assert Notification.objects.get(booking_id=booking.pk).status == "sent"
    assert Client().get("/health").status_code == 503
