"""A review the garage hid stays hidden for that customer and service, and the record of who hid it
and why is kept, even when the customer deletes it and writes again (API and portal)."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bookings.tests.factories import completed_booking_with
from catalogue.models import Review
from catalogue.tests.factories import ServiceFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return ServiceFactory(title="Wheel Alignment")


def public_reviews(service) -> list[str]:
    return [row["text"] for row in APIClient().get(f"/services/{service.pk}/reviews").json()["results"]]


def hide(admin, service, customer, reason="Abusive language"):
    response = client_for(admin).put(f"/services/review/{service.pk}", {
        "customer_id": customer.public_id, "is_visible": False, "reason": reason}, format="json")
    assert response.status_code == 200


def test_a_hidden_review_deleted_and_posted_again_stays_hidden_with_its_record(service, customer, admin):
    completed_booking_with(customer=customer, service=service)
    api = client_for(customer)
    assert api.post(f"/services/{service.pk}/reviews", {"rating": 1, "text": "Rude words here"},
                    format="json").status_code == 201
    hide(admin, service, customer)

    assert api.delete(f"/services/{service.pk}/reviews/mine").status_code == 204
    assert api.delete(f"/services/{service.pk}/reviews/mine").status_code == 404  # gone for the customer
    again = api.post(f"/services/{service.pk}/reviews", {"rating": 5, "text": "Same words, new try"}, format="json")

    assert again.status_code == 201
    assert (again.json()["is_visible"], again.json()["moderation_reason"]) == (False, "Abusive language")
    assert public_reviews(service) == []
    assert APIClient().get(f"/services/{service.pk}").json()["rating_count"] == 0
    review = Review.objects.get(service=service, customer=customer)  # one row: the record was never lost
    assert (review.moderated_by, review.moderation_reason, review.text) == (admin, "Abusive language",
                                                                           "Same words, new try")
    # Editing it does not show it either; only an admin's restore does.
    assert api.put(f"/services/{service.pk}/reviews/mine", {"rating": 4}, format="json").json()["is_visible"] is False
    assert public_reviews(service) == []


def test_a_visible_review_deleted_is_gone_and_posted_again_is_public(service, customer, other_customer):
    for person in (customer, other_customer):
        completed_booking_with(customer=person, service=service)
        client_for(person).post(f"/services/{service.pk}/reviews", {"rating": 4, "text": f"Good job {person.pk}"},
                                format="json")
    api = client_for(customer)
    assert api.delete(f"/services/{service.pk}/reviews/mine").status_code == 204
    assert public_reviews(service) == [f"Good job {other_customer.pk}"]
    assert APIClient().get(f"/services/{service.pk}").json()["rating_count"] == 1
    assert api.put(f"/services/{service.pk}/reviews/mine", {"rating": 2}, format="json").status_code == 404

    assert api.post(f"/services/{service.pk}/reviews", {"rating": 5, "text": "Back again"},
                    format="json").json()["is_visible"] is True
    assert sorted(public_reviews(service)) == sorted(["Back again", f"Good job {other_customer.pk}"])
    assert api.post(f"/services/{service.pk}/reviews", {"rating": 5}, format="json").status_code == 409


def test_through_the_portal_a_hidden_review_written_again_stays_hidden(service, customer, admin):
    booking = completed_booking_with(customer=customer, service=service)
    client_for(customer).post(f"/services/{service.pk}/reviews", {"rating": 1, "text": "Rude words here"},
                              format="json")
    desk = Client()
    desk.force_login(admin)
    review = Review.objects.get()
    desk.post(f"/portal/desk/operations/reviews/{review.pk}/", {"reason": "Abusive language"})
    assert client_for(customer).delete(f"/services/{service.pk}/reviews/mine").status_code == 204

    portal = Client()
    portal.force_login(customer)
    assert "How was Wheel Alignment?" in portal.get(f"/portal/customer/bookings/{booking.pk}/").content.decode()
    page = portal.post(f"/portal/customer/reviews/{service.pk}/", {
        "rating": "5", "text": "Written once more", "booking": booking.pk}, follow=True).content.decode()

    assert "stays hidden" in page and "Abusive language" in page
    assert "Written once more" not in portal.get(f"/portal/services/{service.pk}/").content.decode()
    queue = desk.get("/portal/desk/operations/reviews/?show=hidden").content.decode()
    assert "Written once more" in queue and f"Hidden by {admin.get_full_name()}: Abusive language" in queue
    assert Review.objects.get().moderated_by == admin


def test_the_desk_sees_a_hidden_review_the_customer_deleted_with_its_record(service, customer, admin):
    completed_booking_with(customer=customer, service=service)
    client_for(customer).post(f"/services/{service.pk}/reviews", {"rating": 1, "text": "Rude words here"},
                              format="json")
    hide(admin, service, customer)
    client_for(customer).delete(f"/services/{service.pk}/reviews/mine")
    desk = Client()
    desk.force_login(admin)
    queue = desk.get("/portal/desk/operations/reviews/?show=hidden").content.decode()
    assert "Rude words here" in queue and "Abusive language" in queue and "Deleted by the customer" in queue
