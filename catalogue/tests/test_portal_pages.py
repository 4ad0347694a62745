"""Server-rendered catalogue pages (without a browser): what a visitor reads."""

import pytest
from django.test import Client

from catalogue.models import Review
from catalogue.tests.factories import ServiceFactory
from garage.tests.factories import CarClassFactory, CarModelFactory, CustomerCarFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_filters_and_paginates_and_a_bad_filter_is_explained():
    for number in range(14):
        ServiceFactory(title=f"Service {number:02d}", price=100 * (number + 1))
    client = Client()
    first = client.get("/portal/services/").content.decode()
    assert "14 services" in first and "Page 1 of 2" in first
    cheap = client.get("/portal/services/?max_price=300").content.decode()
    assert "3 services" in cheap
    odd = client.get("/portal/services/?max_price=lots").content.decode()
    assert "were not understood" in odd and "14 services" in odd


@pytest.mark.parametrize("query", ["my+car", "the", "%21", "my+car%3F%21", "%3F%3F+--"])
def test_a_search_of_only_stop_words_or_punctuation_shows_an_empty_catalogue(query):
    ServiceFactory(title="Wheel Alignment")
    response = Client().get(f"/portal/services/?search={query}")
    assert response.status_code == 200
    assert "0 services" in response.content.decode() and "Wheel Alignment" not in response.content.decode()
    found = Client().get("/portal/services/?search=my+car+wheel").content.decode()
    assert "1 service" in found and "Wheel Alignment" in found


def test_an_unknown_service_page_is_a_friendly_404():
    response = Client().get("/portal/services/99999/")
    assert response.status_code == 404 and b"Page not found" in response.content


def test_a_signed_in_customer_sees_the_price_for_each_of_their_cars_and_can_book(customer):
    suv, luxury = CarClassFactory(name="SUV"), CarClassFactory(name="Luxury")
    service = ServiceFactory(title="Wheel Alignment", price=800)  # the hatchback price
    service.prices.create(car_class=suv, price=1080)
    CustomerCarFactory(customer=customer, registration_number="TN09CD4321", car_model=CarModelFactory(car_class=suv))
    CustomerCarFactory(customer=customer, registration_number="KA01AB1234", car_model=CarModelFactory(
        car_class=luxury))  # not priced for luxury cars: left out, not an error
    client = Client()
    client.force_login(customer)
    page = client.get(f"/portal/services/{service.pk}/").content.decode()
    assert "TN09CD4321" in page and "<strong>₹1080.00</strong>" in page and "KA01AB1234" not in page
    assert f"/portal/customer/book/?service={service.pk}" in page


def test_reviews_are_hidden_with_a_reason_and_shown_again(admin, customer):
    service = ServiceFactory(title="Wheel Alignment")
    review = Review.objects.create(service=service, customer=customer, rating=1, text="Call me on 98xxxx")
    client = Client()
    client.force_login(admin)
    no_reason = client.post(f"/portal/desk/operations/reviews/{review.pk}/", {"reason": ""}, follow=True)
    assert "Say why the review is hidden" in no_reason.content.decode()
    review.refresh_from_db()
    assert review.is_visible
    client.post(f"/portal/desk/operations/reviews/{review.pk}/", {"reason": "Personal data"})
    review.refresh_from_db()
    assert not review.is_visible and review.moderation_reason == "Personal data" and review.moderated_by == admin
    assert "Call me" not in Client().get(f"/portal/services/{service.pk}/").content.decode()
    assert "Personal data" in client.get("/portal/desk/operations/reviews/?show=hidden").content.decode()
    client.post(f"/portal/desk/operations/reviews/{review.pk}/", {"visible": "1"})
    review.refresh_from_db()
    assert review.is_visible
    customer_client = Client()
    customer_client.force_login(customer)
    assert customer_client.post(f"/portal/desk/operations/reviews/{review.pk}/", {"reason": "x"}).status_code == 403
