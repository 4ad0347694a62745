"""Faults from the real parts: the database connection dropped under a request."""

import psycopg
import pytest
from django.db import connection
from django.test import Client

from conftest import client_for, requires_postgres


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
def test_with_redis_down_sign_in_pages_and_booking_keep_working_and_mail_stays_queued(settings, customer):
    from bookings.demo import booking_new
    from catalogue.tests.factories import ServiceFactory
    from garage.tests.factories import AddressFactory, CustomerCarFactory
    from notifications.models import Notification

    # Nothing listens on port 1: the cache (and, in CI, the broker) refuse connections for real.
    settings.CACHES = REDIS_DOWN
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    login = Client().post("/auth/login", {"username": customer.phone, "password": "Garage@2026"})
    assert login.status_code == 200 and login.json()["access_token"]
    wrong = Client().post("/auth/login", {"username": customer.phone, "password": "nope"})
    assert wrong.status_code == 401  # throttling forgets during the outage; it does not fail
    browser = Client()
    browser.force_login(customer)
    assert browser.get("/portal/customer/bookings/").status_code == 200
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    assert Notification.objects.get(booking_id=booking.pk).status == "queued"  # sent when Redis is back
    assert Client().get("/health").status_code == 503
