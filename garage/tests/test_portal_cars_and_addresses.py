"""A customer's cars and addresses in the portal: their own only, with the reference data as choices."""

import pytest
from django.test import Client

from catalogue.tests.factories import ServiceFactory
from conftest import signed_in
from frontdesk.demo import booking_new
from garage.models import Address, Content, CustomerCar
from garage.tests.factories import AddressFactory, AreaFactory, CarModelFactory, CustomerCarFactory, ManufacturerFactory

pytestmark = pytest.mark.django_db



def test_choosing_a_make_offers_only_its_models(customer):
    hyundai, tata = ManufacturerFactory(name="Hyundai"), ManufacturerFactory(name="Tata")
    creta = CarModelFactory(manufacturer=hyundai, name="Creta")
    CarModelFactory(manufacturer=tata, name="Nexon")
    options = signed_in(customer).get(f"/portal/customer/cars/models/?manufacturer={hyundai.pk}").content.decode()
    assert f'value="{creta.pk}"' in options and "Creta" in options and "Nexon" not in options
    assert "Nexon" not in signed_in(customer).get("/portal/customer/cars/models/?manufacturer=x").content.decode()


def test_a_car_is_added_with_its_plate_normalised_and_a_mismatched_model_is_refused(customer):
    hyundai, tata = ManufacturerFactory(name="Hyundai"), ManufacturerFactory(name="Tata")
    creta, nexon = CarModelFactory(manufacturer=hyundai), CarModelFactory(manufacturer=tata)
    client = signed_in(customer)
    mismatch = client.post("/portal/customer/cars/add/", {"manufacturer": hyundai.pk, "car_model": nexon.pk,
                                                          "registration_number": "TN09CD4321"})
    assert "car_model" in mismatch.context["form"].errors and not CustomerCar.objects.exists()
    added = client.post("/portal/customer/cars/add/", {"manufacturer": hyundai.pk, "car_model": creta.pk,
                                                       "registration_number": "tn-09 cd 4321", "nickname": "Family"})
    assert added["Location"] == "/portal/customer/cars/"
    assert CustomerCar.objects.get(customer=customer).registration_number == "TN09CD4321"
    assert "TN09CD4321 · Family" in client.get("/portal/customer/cars/").content.decode()


def test_a_plate_already_registered_or_malformed_is_refused_beside_the_field(customer, other_customer):
    model = CarModelFactory()
    CustomerCarFactory(customer=other_customer, registration_number="KA01AB1234")
    client = signed_in(customer)
    fields = {"manufacturer": model.manufacturer_id, "car_model": model.pk}
    taken = client.post("/portal/customer/cars/add/", {**fields, "registration_number": "ka 01 ab 1234"})
    assert list(taken.context["form"].errors) == ["registration_number"]
    odd = client.post("/portal/customer/cars/add/", {**fields, "registration_number": "HELLO"})
    assert odd.context["form"].errors == {"registration_number": ["Enter a registration number like KA01AB1234."]}
    assert 'value="HELLO"' in odd.content.decode()
    assert not CustomerCar.objects.filter(customer=customer).exists()


def test_a_car_with_bookings_stays_and_another_customers_car_is_not_found(customer, other_customer):
    car = CustomerCarFactory(customer=customer)
    booking_new(customer=customer, car=car, services_with_qty=[(ServiceFactory(), 1)],
                address=AddressFactory(customer=customer))
    client = signed_in(customer)
    response = client.post(f"/portal/customer/cars/{car.pk}/remove/", follow=True)
    assert "stays: it has bookings on record" in response.content.decode() and CustomerCar.objects.filter(pk=car.pk)
    theirs = CustomerCarFactory(customer=other_customer)
    assert client.get(f"/portal/customer/cars/{theirs.pk}/").status_code == 404
    assert client.post(f"/portal/customer/cars/{theirs.pk}/remove/").status_code == 404
    assert CustomerCar.objects.filter(pk=theirs.pk).exists()


def test_addresses_are_added_edited_and_removed_by_their_owner_only(customer, other_customer):
    area = AreaFactory(name="Adyar", pincode="600020")
    client = signed_in(customer)
    client.post("/portal/customer/addresses/add/", {"label": "Home", "line1": "12 Gandhi Road", "area": area.pk})
    address = Address.objects.get(customer=customer)
    client.post(f"/portal/customer/addresses/{address.pk}/", {"label": "Office", "line1": "1 Mount Road",
                                                              "area": area.pk})
    assert "1 Mount Road, Adyar (600020)" in client.get("/portal/customer/addresses/").content.decode()
    assert signed_in(other_customer).post(f"/portal/customer/addresses/{address.pk}/remove/").status_code == 404
    client.post(f"/portal/customer/addresses/{address.pk}/remove/")
    assert not Address.objects.filter(pk=address.pk).exists()


def test_an_address_needs_an_area_we_serve(customer):
    response = signed_in(customer).post("/portal/customer/addresses/add/", {"label": "Home", "line1": "x", "area": 999})
    assert "area" in response.context["form"].errors and not Address.objects.exists()


def test_terms_and_privacy_come_from_the_cms_and_other_slugs_are_not_pages(db):
    Content.objects.create(slug="terms", title="Terms of service", body="Be kind to mechanics.")
    Content.objects.create(slug="home-banner", title="Banner", body="Not a page")
    assert "Be kind to mechanics." in Client().get("/portal/pages/terms/").content.decode()
    assert Client().get("/portal/pages/home-banner/").status_code == 404
    assert Client().get("/portal/pages/privacy/").status_code == 404  # not written yet
