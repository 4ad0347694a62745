"""The public catalogue is answered from the shared cache, and every change to what it shows is seen by
the very next read: prices, titles, deactivation, reviews, car class names."""

import re
import threading
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from rest_framework.test import APIClient

from catalogue.tests.factories import ReviewFactory, ServiceFactory
from conftest import ON_POSTGRES, client_for
from revcare.api.response_cache import HIT_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    settings.API_RESPONSE_CACHE = True  # on wherever Redis is (CI, production); local memory here


@pytest.fixture
def service():
    return ServiceFactory(title="Wheel Alignment", price=800)


def read(path="/services/", client=None):
    response = (client or APIClient()).get(path)
    assert response.status_code == 200, response.content
    return response


def test_a_repeated_read_costs_no_query(service, django_assert_num_queries):
    first = read()
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = read()
    assert again[HIT_HEADER] == "hit" and again.json() == first.json()
    assert read(f"/services/{service.pk}")[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        assert read(f"/services/{service.pk}").json()["title"] == "Wheel Alignment"


def test_another_page_or_filter_is_its_own_answer(service):
    ServiceFactory(title="Wheel Balancing", price=700)
    assert read().json()["count"] == 2
    assert [row["title"] for row in read("/services/?search=balancing").json()["results"]] == ["Wheel Balancing"]


def test_an_admins_changes_are_seen_by_the_next_read(service, admin):
    read()
    read(f"/services/{service.pk}")
    staff = client_for(admin)
    car_class = service.prices.get().car_class
    assert staff.put(f"/services/{service.pk}", {"title": "Four-wheel Alignment"}, format="json").status_code == 200
    assert staff.put(f"/services/{service.pk}/prices", {"prices": [{"car_class_id": car_class.pk, "price": "950.00"}]},
                     format="json").status_code == 200
    listed = read().json()["results"][0]
    assert listed["title"] == "Four-wheel Alignment" and Decimal(listed["min_price"]) == Decimal("950")
    assert read(f"/services/{service.pk}").json()["title"] == "Four-wheel Alignment"

    assert staff.delete(f"/services/{service.pk}").status_code == 204
    assert read().json()["count"] == 0
    assert APIClient().get(f"/services/{service.pk}").status_code == 404


def test_reviews_and_car_class_names_are_fresh(service, customer):
    read()
    ReviewFactory(service=service, customer=customer, rating=4)
    assert read().json()["results"][0]["rating_count"] == 1
    car_class = service.prices.get().car_class
    car_class.name = "Premium SUV"
    car_class.save()
    assert read().json()["results"][0]["prices"][0]["car_class"]["name"] == "Premium SUV"


def test_admins_see_inactive_services_never_from_the_public_answer(service, admin):
    hidden = ServiceFactory(title="Old Service", price=100, is_active=False)
    assert read().json()["count"] == 1
    assert client_for(admin).get("/services/").json()["count"] == 2
    assert APIClient().get(f"/services/{hidden.pk}").status_code == 404


def read_elsewhere(path="/services/"):
    """A read by another request, on its own database connection."""
    answers = []

    def other_request():
        try:
            answers.append(read(path).json())
        finally:
            connection.close()

    thread = threading.Thread(target=other_request)
    thread.start()
    thread.join(30)
    return answers[0]


@pytest.mark.skipif(not ON_POSTGRES, reason="needs a second connection reading beside an open write transaction; "
                                            "SQLite's shared in-memory test database locks the table instead")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_answer_cached_from_before_the_commit_is_retired_at_the_commit():
    service = ServiceFactory(title="Battery Check", price=300)
    with transaction.atomic():
        service.title = "Battery Health Check"
        service.save()
        before_commit = read_elsewhere()  # not committed yet: the old title, cached under the new version
        assert before_commit["results"][0]["title"] == "Battery Check"
    assert read_elsewhere()["results"][0]["title"] == "Battery Health Check"


def test_a_failed_read_is_not_kept(service):
    assert APIClient().get("/services/?min_price=lots").status_code == 422
    ServiceFactory(title="New", price=10)
    assert read().json()["count"] == 2


# Junk in the query string ----------------------------------------------------------------------

_ANSWER_KEY = re.compile(r"api-response:catalogue:[0-9a-f]{32}:[0-9a-f]{64}$")


def stored_answers() -> int:
    """Catalogue answers in the cache, counted by key: Redis when REDIS_URL is set (CI), else local memory."""
    if isinstance(getattr(cache, "_cache", None), dict):  # LocMemCache
        keys = list(cache._cache)
    else:
        keys = [key.decode() for key in cache._cache.get_client().scan_iter("*")]
    return sum(1 for key in keys if _ANSWER_KEY.search(key))


def test_a_thousand_requests_with_junk_parameters_add_no_entry(service, django_assert_num_queries):
    ServiceFactory(title="Wheel Balancing", price=700)
    assert read("/services/?search=alignment&junk=1").json()["count"] == 1  # answered, but not kept
    assert stored_answers() == 0
    clean = [read(), read(f"/services/{service.pk}"), read("/services/?search=alignment")]
    assert stored_answers() == 3
    client = APIClient()  # one client: a new one loads the middleware (and finds the static files) again
    with django_assert_num_queries(0):
        for number in range(1000):
            path = ["/services/", f"/services/{service.pk}", "/services/?search=alignment"][number % 3]
            junk = read(f"{path}{'&' if '?' in path else '?'}junk{number}=x&utm_source=mail", client)
            assert junk[HIT_HEADER] == "hit" and junk.json() == clean[number % 3].json()
    assert stored_answers() == 3


def test_the_same_query_in_another_order_or_spelling_is_the_same_entry(service, django_assert_num_queries):
    ServiceFactory(title="Wheel Balancing", price=700)
    first = read("/services/?search=wheel+alignment&ordering=-price&page=1")
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = read("/services/?page=1&ordering=-price&search=%20Wheel%20%20ALIGNMENT%20")
    assert again[HIT_HEADER] == "hit" and again.json() == first.json()
    assert stored_answers() == 1
    assert read("/services/?search=wheel+alignment&ordering=price")[HIT_HEADER] == "miss"  # another answer
    read(f"/services/{service.pk}")
    assert APIClient().get(f"/services/{service.pk}?format=xml").status_code == 404  # read by DRF: not junk


def test_distinct_values_of_known_parameters_store_at_most_the_cap(service, settings):
    one_answer = len(APIClient().get("/services/?search=wheel").content)  # each search below answers as much
    cache.clear()
    settings.API_RESPONSE_CACHE_MAX_BYTES = 50 * one_answer
    client = APIClient()
    for number in range(200):
        assert read(f"/services/?search=wheel+{number}", client).json()["count"] == 1
    assert stored_answers() == 50
    assert read("/services/?search=wheel+alignment").json()["count"] == 1  # still answered, not kept
    assert stored_answers() == 50
