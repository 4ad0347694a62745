"""Every list endpoint runs the same number of queries whether its page holds one row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from catalogue.models import CartItem, Favourite
from catalogue.tests.factories import CategoryFactory, ReviewFactory, ServiceFactory
from conftest import client_for
from garage.models import CarClass, FuelType, GstRate, Status, Timeslot
from garage.tests.factories import (
    AddressFactory,
    AreaFactory,
    CarClassFactory,
    CarModelFactory,
    CustomerCarFactory,
    FuelTypeFactory,
    ManufacturerFactory,
)

pytestmark = pytest.mark.django_db


def _service_with_extras(**kwargs):
    service = ServiceFactory(**kwargs)
    service.fuel_types.add(FuelTypeFactory(name=f"Fuel for {service.pk}"))
    ReviewFactory(service=service, customer=CustomerFactory())
    return service


# (url, who asks, how to add one more row that person sees)
LISTS = [
    ("/admins/", "admin", lambda ctx: AdminFactory()),
    ("/mechanics/", "admin", lambda ctx: MechanicFactory()),
    ("/mechanics/", "customer", lambda ctx: MechanicFactory()),
    ("/customers/", "admin", lambda ctx: CustomerFactory()),
    ("/address/", "customer", lambda ctx: AddressFactory(customer=ctx["customer"])),
    ("/address/", "admin", lambda ctx: AddressFactory()),
    ("/address/area", "customer", lambda ctx: AreaFactory()),
    ("/car/", "customer", lambda ctx: CustomerCarFactory(customer=ctx["customer"])),
    ("/car/models", "customer", lambda ctx: CarModelFactory(manufacturer=ManufacturerFactory())),
    ("/car/class", "customer", lambda ctx: CarClassFactory(name=f"Class {CarClass.objects.count()}")),
    ("/car/fuel", "customer", lambda ctx: FuelTypeFactory(name=f"Fuel {FuelType.objects.count()}")),
    ("/car/manufacturer", "customer", lambda ctx: ManufacturerFactory()),
    # /utils/status holds the statuses fixed in code, so no row can be added: test_status_list_queries
    ("/utils/timeslot", "customer", lambda ctx: Timeslot.objects.create(
        name=f"Slot {Timeslot.objects.count()}", start_time="05:00", end_time="06:00", capacity=1)),
    ("/utils/timeslot?date=2030-01-01", "customer", lambda ctx: Timeslot.objects.create(
        name=f"Slot {Timeslot.objects.count()}", start_time="05:00", end_time="06:00", capacity=1)),
    ("/gst/history", "admin", lambda ctx: GstRate.objects.create(percent=12, set_by=ctx["admin"])),
    ("/services/", "anonymous", lambda ctx: _service_with_extras()),
    ("/services/?search=service&ordering=-price", "anonymous", lambda ctx: _service_with_extras()),
    ("/services/", "admin", lambda ctx: _service_with_extras()),
    ("/services/category", "anonymous", lambda ctx: CategoryFactory()),
    ("/customers/cart", "customer", lambda ctx: CartItem.objects.create(customer=ctx["customer"],
                                                                         service=_service_with_extras())),
    ("/customers/favourite", "customer", lambda ctx: Favourite.objects.create(customer=ctx["customer"],
                                                                               service=_service_with_extras())),
    ("/rbac/roles", "admin", lambda ctx: None),
]


@pytest.fixture
def people(customer, admin, mechanic):
    CustomerCarFactory(customer=customer)  # the cart prices itself for each of the customer's cars
    return {"customer": customer, "admin": admin, "mechanic": mechanic, "anonymous": None}


@pytest.mark.parametrize("url, persona, add_row", LISTS, ids=[f"{url} as {who}" for url, who, _ in LISTS])
def test_list_queries_do_not_grow_with_the_page(people, url, persona, add_row, django_assert_num_queries):
    client = client_for(people[persona])
    add_row(people)
    with CaptureQueriesContext(connection) as one_row:
        small = client.get(url)
    assert small.status_code == 200, small.content
    for _ in range(8):
        add_row(people)

    with django_assert_num_queries(len(one_row.captured_queries)):
        large = client.get(url)

    assert large.status_code == 200
    if url != "/rbac/roles":
        assert large.json()["count"] >= small.json()["count"] + 8


def test_status_list_queries_do_not_grow_with_the_page(customer, django_assert_num_queries):
    client = client_for(customer)
    with CaptureQueriesContext(connection) as one_kind:
        small = client.get("/utils/status?kind=refund")
    with django_assert_num_queries(len(one_kind.captured_queries)):
        large = client.get("/utils/status?page_size=50")
    assert large.json()["count"] == Status.objects.count() >= small.json()["count"] + 8


def test_service_list_query_budget(people, django_assert_num_queries):
    for _ in range(20):
        _service_with_extras()
    # count, services (prices, ratings as subqueries; category joined), prices + car classes, fuel types, images
    with django_assert_num_queries(5):
        response = client_for(None).get("/services/?page_size=20")
    assert len(response.json()["results"]) == 20
