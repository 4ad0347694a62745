"""The home page (revcare.landing), which composes garage's banners and the catalogue: what a visitor
reads, and where staff are sent."""

import pytest
from django.test import Client

from catalogue.tests.factories import CategoryFactory, ServiceFactory
from garage.models import Content

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_cms_banners_categories_and_services():
    Content.objects.create(slug="home-banner", title="Servicing at your doorstep", body="Book in two minutes.")
    Content.objects.create(slug="offers-banner", title="Monsoon check-up", body="20% off")
    category = CategoryFactory(name="Brakes")
    ServiceFactory(title="Front Brake Pads Replacement", category=category)
    page = Client().get("/").content.decode()
    for text in ("Servicing at your doorstep", "Monsoon check-up", "Brakes", "Front Brake Pads Replacement"):
        assert text in page


def test_staff_go_to_their_portal_from_the_home_page(admin, mechanic):
    for person, home in ((admin, "/portal/desk/"), (mechanic, "/portal/mechanic/")):
        client = Client()
        client.force_login(person)
        assert client.get("/")["Location"] == home
