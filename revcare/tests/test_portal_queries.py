"""Portal list pages cost the same number of queries with one row as with many."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.tests.factories import ServiceFactory
from frontdesk.demo import booking_drive, booking_new
from garage.tests.factories import AddressFactory, CustomerCarFactory

pytestmark = pytest.mark.django_db


def add_booking(customer, admin, mechanic, index):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                          services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer),
                          days_ahead=2 + index % 20, customer_caps=False)  # 12 rows for one customer: seeding
    return booking_drive(booking=booking, to="pickup", admin=admin, mechanic=mechanic)


PAGES = [("customer", "/portal/customer/bookings/"), ("customer", "/portal/customer/cars/"),
         ("customer", "/portal/customer/addresses/"), ("customer", "/portal/customer/messages/"),
         ("customer", "/portal/services/"), ("mechanic", "/portal/mechanic/"),
         ("admin", "/portal/desk/bookings/"), ("admin", "/portal/desk/"),
         ("admin", "/portal/desk/operations/notifications/")]


@pytest.mark.parametrize(("persona", "url"), PAGES, ids=[url for _, url in PAGES])
def test_portal_list_pages_cost_the_same_at_1_and_12_rows(request, persona, url, customer, admin, mechanic,
                                                           django_assert_num_queries):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    add_booking(customer, admin, mechanic, 0)
    client.get(url)  # session and the like settle on the first visit
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for index in range(1, 12):
        add_booking(customer, admin, mechanic, index)
    cache.clear()
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200
