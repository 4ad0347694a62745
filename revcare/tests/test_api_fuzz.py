"""Schemathesis against /api/schema/, in-process, as each role in turn and anonymously: whatever a
client sends, no 5xx, and every answer (status, content type, body) is what the schema says.

Each API operation is its own test in its own transaction, with a fresh token per request, so an
operation that ends a session (logout, account deletion) cannot spoil the others. Not checked: that
every schema-valid request is accepted or every invalid one refused — business rules rightly refuse
valid-looking data (an expired link, a NUL in a name), and lenient parsing of paging parameters is
deliberate."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import login_session_open
from catalogue.tests.factories import ServiceFactory
from frontdesk.demo import booking_new
from garage.tests.factories import AddressFactory, CustomerCarFactory

pytestmark = pytest.mark.fuzz

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
EXAMPLES = 6  # generated requests per operation and role
# Schemathesis' coverage phase (boundary and negative values of every parameter, ~37 requests per
# operation and role: nine in ten of the requests here) runs when FUZZ=full, as in CI (.ci/run);
# `make test` on a workstation runs the explicit examples and the generated ones only.
FULL = os.environ.get("FUZZ", "").strip().lower() == "full"


# Loaded at collection, in-process: no server, and each generated test gets pytest-django's database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
schema.config.phases.coverage.enabled = FULL
fuzz = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def connection_kept_in_the_test_transaction():
    """Schemathesis calls the WSGI app directly, so each request fires request_started, whose
    close_old_connections would drop the connection holding the test's transaction (Django's test
    client unhooks it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(customer, mechanic, admin):
    """Something for ids to find: the customer's car, address and a booking."""
    booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    return {"customer": customer, "mechanic": mechanic, "admin": admin}


def call_and_check(case, user=None):
    headers = {"Authorization": f"Bearer {login_session_open(user=user).access}"} if user else {}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)


@schema.parametrize()
@fuzz
def test_anonymous_calls(case, world):
    call_and_check(case)


@schema.parametrize()
@fuzz
def test_customer_calls(case, world):
    call_and_check(case, world["customer"])


@schema.parametrize()
@fuzz
def test_mechanic_calls(case, world):
    call_and_check(case, world["mechanic"])


@schema.parametrize()
@fuzz
def test_admin_calls(case, world):
    call_and_check(case, world["admin"])
