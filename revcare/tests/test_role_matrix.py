"""The role matrix: every API route, as each persona, answers the status written here.

`test_every_api_route_has_a_row` lists every URL pattern served by a DRF view and fails when one has
no row, so no endpoint ships unchecked: each issue that adds routes adds their rows here. Object
routes are called on objects that belong to `customer` (or are assigned to `mechanic`), so the
`other_customer` column is the IDOR probe and must read 404 there.
"""

import datetime
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient
from rest_framework.views import APIView

from accounts.tests.factories import TEST_PASSWORD, AdminFactory
from aftercare.models import DeferredItem
from bookings.services.consent import decisions_record, line_reprice
from bookings.tests.factories import completed_booking_with
from catalogue.models import CartItem, Favourite
from catalogue.tests.factories import CategoryFactory, ReviewFactory, ServiceFactory
from conftest import client_for
from frontdesk.demo import booking_drive, booking_new, hand_over, walkround_photo
from garage.models import Content, Status, Timeslot
from garage.services import garage_settings_update
from garage.tests.factories import (
    AddressFactory,
    AreaFactory,
    CarClassFactory,
    CarModelFactory,
    CustomerCarFactory,
    FuelTypeFactory,
    ManufacturerFactory,
)
from payments.gateway import gateway, sign
from payments.services import online_payment_start
from workshop.models import AssignmentType
from workshop.services.custody import custody_record
from workshop.services.findings import finding_add

PERSONAS = ("anonymous", "customer", "other_customer", "mechanic", "admin")


class World:
    """The people and objects each row's request is built from. Objects belong to `customer`;
    `spare_*` rows are referenced by nothing, so an admin can delete them."""

    def __init__(self, customer, other_customer, mechanic, admin):
        self.customer, self.other_customer, self.mechanic, self.admin = customer, other_customer, mechanic, admin
        self.other_admin = AdminFactory()
        self.area, self.spare_area = AreaFactory(), AreaFactory()
        self.address = AddressFactory(customer=customer, area=self.area)
        self.car_model = CarModelFactory()
        self.car = CustomerCarFactory(customer=customer, car_model=self.car_model)
        self.spare_manufacturer = ManufacturerFactory()
        self.spare_fuel = FuelTypeFactory(name="LPG")
        self.spare_class = CarClassFactory(name="Pickup truck")
        self.spare_model = CarModelFactory()
        self.category, self.spare_category = CategoryFactory(), CategoryFactory()
        self.service = ServiceFactory(category=self.category)  # in the cart, favourites and reviewed
        self.unreviewed_service = ServiceFactory(category=self.category)
        self.spare_service = ServiceFactory(category=self.category)
        for service in (self.service, self.unreviewed_service):
            completed_booking_with(customer=customer, service=service)
        ReviewFactory(service=self.service, customer=customer)
        CartItem.objects.create(customer=customer, service=self.service)
        Favourite.objects.create(customer=customer, service=self.service)
        self.spare_timeslot = Timeslot.objects.create(name="Late night", start_time="22:00", end_time="23:30",
                                                      capacity=2)
        self.assignment_type = AssignmentType.objects.get(kind="pickup")
        self.paid_status = Status.objects.get(kind="payment", code="paid")
        self.car_class = self.car_model.car_class
        Content.objects.create(slug="terms", title="Terms of service", body="Be kind to cars.")
        self.morning = Timeslot.objects.get(name="Morning")
        self._bookings = {}

    def person(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)

    def booking_at(self, stage: str, pickup_type: str = "doorstep"):
        """A booking of `customer`'s, worked by `mechanic`, driven through the real services (built on
        first use, so each cell pays only for what its request needs)."""
        key = (stage, pickup_type)
        if key not in self._bookings:
            booking = booking_new(customer=self.customer, car=self.car, services_with_qty=[(self.service, 1)],
                                  pickup_type=pickup_type, address=self.address,
                                  days_ahead=2 + len(self._bookings),
                                  customer_caps=False)  # seeding the world, not what the caps are about
            self._bookings[key] = booking_drive(booking=booking, to=stage, admin=self.admin, mechanic=self.mechanic)
        return self._bookings[key]

    @property
    def pending_payment(self):
        """An online payment the customer started for their approved quote (sandbox gateway)."""
        if "payment" not in self._bookings:
            booking = self.booking_at("analysed@approved")
            self._bookings["payment"] = online_payment_start(
                booking=booking, purpose="services", amount=booking.services.get().estimated_price,
                confirmation={"service_ids": [self.service.pk], "gst_percent": "18", "confirmed_by": self.customer.pk})
        return self._bookings["payment"]

    @property
    def finding(self):
        """A finding with a photo on the analysis `mechanic` submitted (not yet approved)."""
        if "finding" not in self._bookings:
            buffer = io.BytesIO()
            Image.new("RGB", (32, 24), (90, 90, 90)).save(buffer, "JPEG")
            photo = SimpleUploadedFile("pads.jpg", buffer.getvalue(), content_type="image/jpeg")
            self._bookings["finding"] = finding_add(booking_id=self.booking_at("analysed").pk, actor=self.mechanic,
                                                    severity="urgent", note="Pads at 2 mm", images=[photo])
        return self._bookings["finding"]

    @property
    def repriced_booking(self):
        """A booking in progress whose approved line the garage re-priced: it awaits the customer's answer."""
        if "repriced" not in self._bookings:
            booking = self.booking_at("in-progress")
            line_reprice(booking_id=booking.pk, service_id=self.service.pk, price=Decimal("1234.00"), admin=self.admin)
            self._bookings["repriced"] = booking
        return self._bookings["repriced"]

    @property
    def deferred_item(self):
        """Work `customer` left for later: a line declined at confirmation."""
        if "deferred" not in self._bookings:
            booking = self.booking_at("analysed@approved")
            decisions_record(lines=list(booking.services.all()), approved_ids=set(), actor=self.customer,
                             channel="api")
            self._bookings["deferred"] = DeferredItem.objects.get(declined_line__booking=booking)
        return self._bookings["deferred"]

    def handed_over(self, stage: str):
        """A booking at `stage` whose car `mechanic` has taken over with the customer's code."""
        booking = self.booking_at(stage)
        if ("handed over", stage) not in self._bookings:
            hand_over(booking_id=booking.pk, mechanic=self.mechanic)
            self._bookings[("handed over", stage)] = booking
        return booking

    def handover_recorded(self):
        """A pickup recorded by `mechanic` (code sent) but not yet confirmed; returns (booking, code)."""
        if "recorded" not in self._bookings:
            garage_settings_update(handover_code_required=True, updated_by=None)  # only then is a code sent
            booking = self.booking_at("pickup")
            _, code = custody_record(booking_id=booking.pk, mechanic=self.mechanic, odometer_km=1000,
                                     fuel_level="full", images=[walkround_photo()])
            self._bookings["recorded"] = (booking, code)
        return self._bookings["recorded"]

    def checkout_callback(self, persona: str) -> dict:
        order_id = self.pending_payment.gateway_order_id
        return {"razorpay_order_id": order_id, "razorpay_payment_id": "pay_matrix",
                "razorpay_signature": sign(f"{order_id}|pay_matrix", gateway().key_secret)}

    def booking_body(self, persona: str) -> dict:
        pickup = timezone.localdate() + datetime.timedelta(days=9)
        body = {"vehicle_id": self.car.pk, "pickup_type": "self", "timeslot_id": self.morning.pk,
                "pickup_date": pickup.isoformat(), "drop_date": (pickup + datetime.timedelta(days=2)).isoformat(),
                "services": [{"service_id": self.unreviewed_service.pk, "quantity": 1}]}
        if persona == "admin":
            body["customer_id"] = self.customer.public_id
        return body


@dataclass
class Row:
    method: str
    route: str
    expect: dict[str, int]
    path: Callable[[World], str] | None = None
    body: Callable[[World, str], dict] = field(default=lambda world, persona: {})
    multipart: bool = False  # sent as a form with files (photos), not JSON


def everyone(status: int) -> dict[str, int]:
    return {persona: status for persona in PERSONAS}


def signed_in(status: int, anonymous: int = 401) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def admin_only(status: int = 200) -> dict[str, int]:
    return {"anonymous": 401, "customer": 403, "other_customer": 403, "mechanic": 403, "admin": status}


def customers_own(customer: int, mechanic: int, admin: int, other_customer: int = 404) -> dict[str, int]:
    """An object of `customer`'s: the other customer must not even learn it exists."""
    return {"anonymous": 401, "customer": customer, "other_customer": other_customer, "mechanic": mechanic,
            "admin": admin}


def persona_number(persona: str) -> int:
    return PERSONAS.index(persona)


def own_credentials(world: World, persona: str) -> dict:
    person = world.person(persona)
    if person is None:
        return {"username": "9123456780", "password": "Not-a-password-1"}
    return {"username": person.phone, "password": TEST_PASSWORD}


def fresh_registration(world: World, persona: str) -> dict:
    number = persona_number(persona)
    return {"phone": f"93000000{number:02d}", "email": f"new{number}@example.com", "first_name": "New",
            "password": "Sturdy-Pass-42"}


def fresh_staff(world: World, persona: str) -> dict:
    number = persona_number(persona)
    return {"first_name": "New", "last_name": "Hire", "phone": f"92000000{number:02d}",
            "email": f"hire{number}@revcare.in"}


def reference_rows(route: str, attribute: str, spare: str, body: Callable[[World, str], dict]) -> list[Row]:
    """Reference data: everyone signed in reads it, only admins write it."""
    return [
        Row("GET", route, signed_in(200)),
        Row("POST", route, admin_only(201), body=body),
        Row("GET", f"{route}/{{pk}}", signed_in(200), path=lambda w: f"/{route}/{getattr(w, attribute).pk}"),
        Row("PUT", f"{route}/{{pk}}", admin_only(200), path=lambda w: f"/{route}/{getattr(w, attribute).pk}",
            body=body),
        Row("DELETE", f"{route}/{{pk}}", admin_only(204), path=lambda w: f"/{route}/{getattr(w, spare).pk}"),
    ]


def service_body(world: World, persona: str) -> dict:
    return {"title": f"New service {persona}", "description": "Something new", "category_id": world.category.pk,
            "time_hours": "1.50", "difficulty": 2, "works": ["Check"], "symptoms": ["Noise"],
            "prices": [{"car_class_id": world.car_class.pk, "price": "1200.00"}]}


ROWS = [
    # Auth (issue 2)
    Row("POST", "auth/login", {**everyone(200), "anonymous": 401}, body=own_credentials),
    Row("POST", "auth/refresh", signed_in(200)),
    Row("POST", "auth/logout", signed_in(200)),
    Row("POST", "auth/password-reset", everyone(202), body=lambda world, persona: {"login": world.customer.email}),
    Row("POST", "auth/password-set", everyone(400),
        body=lambda world, persona: {"uid": "MQ", "token": "bad-token", "password": "Sturdy-Pass-42"}),
    Row("POST", "customers/register", everyone(202), body=fresh_registration),
    Row("GET", "rbac/roles", admin_only()),
    # People (issue 3)
    Row("GET", "admins/", admin_only()),
    Row("POST", "admins/", admin_only(201), body=fresh_staff),
    Row("GET", "admins/{id}", admin_only(), path=lambda w: f"/admins/{w.other_admin.public_id}"),
    Row("PUT", "admins/{id}", admin_only(), path=lambda w: f"/admins/{w.other_admin.public_id}",
        body=lambda w, p: {"last_name": "Renamed"}),
    Row("DELETE", "admins/{id}", admin_only(204), path=lambda w: f"/admins/{w.other_admin.public_id}"),
    Row("GET", "mechanics/", signed_in(200)),
    Row("POST", "mechanics/", admin_only(201), body=lambda w, p: {**fresh_staff(w, p), "can_analyse": True}),
    Row("GET", "mechanics/{id}", signed_in(200), path=lambda w: f"/mechanics/{w.mechanic.public_id}"),
    Row("PUT", "mechanics/{id}", {**admin_only(200), "mechanic": 200},
        path=lambda w: f"/mechanics/{w.mechanic.public_id}", body=lambda w, p: {"last_name": "Updated"}),
    Row("DELETE", "mechanics/{id}", admin_only(204), path=lambda w: f"/mechanics/{w.mechanic.public_id}"),
    Row("GET", "customers/", signed_in(200)),
    Row("GET", "customers/{id}", customers_own(200, mechanic=404, admin=200),
        path=lambda w: f"/customers/{w.customer.public_id}"),
    Row("PUT", "customers/{id}", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/customers/{w.customer.public_id}", body=lambda w, p: {"last_name": "Changed"}),
    Row("DELETE", "customers/{id}", customers_own(204, mechanic=403, admin=204),
        path=lambda w: f"/customers/{w.customer.public_id}"),
    Row("GET", "mechanics/assignment_type", signed_in(200)),
    # The four kinds are fixed (issue 16): creating an existing one is a conflict, deleting one too.
    Row("POST", "mechanics/assignment_type", admin_only(409), body=lambda w, p: {"code": "drop", "name": "Return"}),
    Row("GET", "mechanics/assignment_type/{pk}", signed_in(200),
        path=lambda w: f"/mechanics/assignment_type/{w.assignment_type.pk}"),
    Row("PUT", "mechanics/assignment_type/{pk}", admin_only(),
        path=lambda w: f"/mechanics/assignment_type/{w.assignment_type.pk}", body=lambda w, p: {"name": "Collect"}),
    Row("DELETE", "mechanics/assignment_type/{pk}", admin_only(409),
        path=lambda w: f"/mechanics/assignment_type/{w.assignment_type.pk}"),
    # Places and cars (issue 3): a customer's own rows, and reference data
    Row("GET", "address/", signed_in(200)),
    Row("POST", "address/", {**signed_in(201), "mechanic": 403, "admin": 400},
        body=lambda w, p: {"label": "Home", "line1": "12 Beach Road", "area_id": w.area.pk}),
    Row("GET", "address/{pk}", customers_own(200, mechanic=404, admin=200), path=lambda w: f"/address/{w.address.pk}"),
    Row("PUT", "address/{pk}", customers_own(200, mechanic=403, admin=200), path=lambda w: f"/address/{w.address.pk}",
        body=lambda w, p: {"label": "Office"}),
    Row("DELETE", "address/{pk}", customers_own(204, mechanic=403, admin=204),
        path=lambda w: f"/address/{w.address.pk}"),
    *reference_rows("address/area", "area", "spare_area",
                    lambda w, p: {"name": f"Mylapore {p}", "pincode": "600004"}),
    Row("GET", "car/", signed_in(200)),
    Row("POST", "car/", {**signed_in(201), "mechanic": 403, "admin": 400},
        body=lambda w, p: {"car_model_id": w.car_model.pk, "registration_number": f"TN09BX{persona_number(p):04d}"}),
    Row("GET", "car/{pk}", customers_own(200, mechanic=404, admin=200), path=lambda w: f"/car/{w.car.pk}"),
    Row("PUT", "car/{pk}", customers_own(200, mechanic=403, admin=200), path=lambda w: f"/car/{w.car.pk}",
        body=lambda w, p: {"nickname": "Blue one"}),
    Row("DELETE", "car/{pk}", customers_own(204, mechanic=403, admin=204), path=lambda w: f"/car/{w.car.pk}"),
    *reference_rows("car/manufacturer", "spare_manufacturer", "spare_manufacturer",
                    lambda w, p: {"name": f"Skoda {p}"}),
    *reference_rows("car/fuel", "spare_fuel", "spare_fuel", lambda w, p: {"name": f"Hydrogen {p}"}),
    *reference_rows("car/class", "spare_class", "spare_class",
                    lambda w, p: {"name": f"Coupe {p}", "description": "Two doors"}),
    *reference_rows("car/models", "car_model", "spare_model", lambda w, p: {
        "name": f"Kushaq {p}", "manufacturer_id": w.spare_manufacturer.pk, "fuel_type_id": w.spare_fuel.pk,
        "car_class_id": w.car_class.pk, "year": 2024}),
    # Utilities, content, GST (issue 3)
    Row("GET", "utils/status", signed_in(200)),
    # Statuses are fixed in code: every one has its row already, so POST finds a conflict; labels change
    Row("POST", "utils/status", admin_only(409),
        body=lambda w, p: {"kind": "booking", "code": "booked", "name": "New"}),
    Row("GET", "utils/status/{pk}", signed_in(200), path=lambda w: f"/utils/status/{w.paid_status.pk}"),
    Row("PUT", "utils/status/{pk}", admin_only(), path=lambda w: f"/utils/status/{w.paid_status.pk}",
        body=lambda w, p: {"name": "Paid in full"}),
    Row("DELETE", "utils/status/{pk}", admin_only(409), path=lambda w: f"/utils/status/{w.paid_status.pk}"),
    Row("GET", "utils/timeslot", signed_in(200)),
    Row("POST", "utils/timeslot", admin_only(201),
        body=lambda w, p: {"name": f"Dawn {p}", "start_time": "06:00", "end_time": "08:00", "capacity": 3}),
    Row("PUT", "utils/timeslot/{pk}", admin_only(), path=lambda w: f"/utils/timeslot/{w.spare_timeslot.pk}",
        body=lambda w, p: {"capacity": 5}),
    Row("DELETE", "utils/timeslot/{pk}", admin_only(204), path=lambda w: f"/utils/timeslot/{w.spare_timeslot.pk}"),
    Row("PUT", "content/", admin_only(), body=lambda w, p: {"slug": "home-banner", "title": "Monsoon offer"}),
    Row("GET", "content/{content_id}", everyone(200), path=lambda w: "/content/terms"),
    Row("GET", "gst/", signed_in(200)),
    Row("PUT", "gst/", admin_only(), path=lambda w: "/gst/?percent=12"),
    Row("GET", "gst/history", admin_only()),
    # Catalogue (issue 3)
    Row("GET", "services/", everyone(200)),
    Row("POST", "services/", admin_only(201), body=service_body),
    Row("GET", "services/{pk}", everyone(200), path=lambda w: f"/services/{w.service.pk}"),
    Row("PUT", "services/{pk}", admin_only(), path=lambda w: f"/services/{w.service.pk}",
        body=lambda w, p: {"difficulty": 3}),
    Row("DELETE", "services/{pk}", admin_only(204), path=lambda w: f"/services/{w.spare_service.pk}"),
    Row("PUT", "services/{pk}/prices", admin_only(), path=lambda w: f"/services/{w.service.pk}/prices",
        body=lambda w, p: {"prices": [{"car_class_id": w.car_class.pk, "price": "1500.00"}]}),
    Row("GET", "services/category", everyone(200)),
    Row("POST", "services/category", admin_only(201), body=lambda w, p: {"name": f"Towing {p}"}),
    Row("GET", "services/category/{pk}", everyone(200), path=lambda w: f"/services/category/{w.category.pk}"),
    Row("PUT", "services/category/{pk}", admin_only(), path=lambda w: f"/services/category/{w.category.pk}",
        body=lambda w, p: {"description": "Updated"}),
    Row("DELETE", "services/category/{pk}", admin_only(204),
        path=lambda w: f"/services/category/{w.spare_category.pk}"),
    Row("GET", "services/{service_id}/reviews", everyone(200), path=lambda w: f"/services/{w.service.pk}/reviews"),
    Row("POST", "services/{service_id}/reviews", customers_own(201, mechanic=403, admin=400, other_customer=400),
        path=lambda w: f"/services/{w.unreviewed_service.pk}/reviews",
        body=lambda w, p: {"rating": 5, "text": "Spotless work"}),
    Row("PUT", "services/{service_id}/reviews/mine", customers_own(200, mechanic=403, admin=404),
        path=lambda w: f"/services/{w.service.pk}/reviews/mine", body=lambda w, p: {"rating": 3}),
    Row("DELETE", "services/{service_id}/reviews/mine", customers_own(204, mechanic=403, admin=404),
        path=lambda w: f"/services/{w.service.pk}/reviews/mine"),
    Row("PUT", "services/review/{service_id}", {**admin_only(200), "customer": 403, "other_customer": 403},
        path=lambda w: f"/services/review/{w.service.pk}",
        body=lambda w, p: {"customer_id": w.customer.public_id, "is_visible": False, "reason": "Abusive"}),
    Row("GET", "customers/cart", signed_in(200)),
    Row("POST", "customers/cart/{service_id}", {**signed_in(201), "mechanic": 403, "admin": 400},
        path=lambda w: f"/customers/cart/{w.unreviewed_service.pk}"),
    Row("DELETE", "customers/cart/{service_id}", customers_own(204, mechanic=403, admin=404),
        path=lambda w: f"/customers/cart/{w.service.pk}"),
    Row("GET", "customers/favourite", signed_in(200)),
    Row("POST", "customers/favourite/{service_id}", {**signed_in(201), "mechanic": 403, "admin": 400},
        path=lambda w: f"/customers/favourite/{w.unreviewed_service.pk}"),
    Row("DELETE", "customers/favourite/{service_id}", customers_own(204, mechanic=403, admin=404),
        path=lambda w: f"/customers/favourite/{w.service.pk}"),
    # Bookings (issue 4): the customer's own; the mechanic's assigned; the admin desk's oversight
    Row("POST", "bookings/", {**customers_own(201, mechanic=403, admin=201), "other_customer": 422},
        body=lambda w, p: w.booking_body(p)),
    Row("GET", "bookings/customer", signed_in(200)),
    Row("GET", "bookings/{booking_id}", customers_own(200, mechanic=200, admin=200),
        path=lambda w: f"/bookings/{w.booking_at('analysed@approved').pk}"),
    Row("PUT", "bookings/{booking_id}/confirm-services", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/bookings/{w.booking_at('analysed@approved').pk}/confirm-services",
        body=lambda w, p: {"service_ids": [w.service.pk], "payment_method": "cod"}),
    Row("PUT", "bookings/{booking_id}/services/{service_id}/decision", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/bookings/{w.repriced_booking.pk}/services/{w.service.pk}/decision",
        body=lambda w, p: {"approve": True}),
    Row("GET", "bookings/photos/{kind}/{image_id}", customers_own(200, mechanic=200, admin=200),
        path=lambda w: f"/bookings/photos/finding/{w.finding.images.get().pk}"),
    Row("PUT", "bookings/admin/{booking_id}/services/{service_id}/price", admin_only(),
        path=lambda w: f"/bookings/admin/{w.booking_at('in-progress').pk}/services/{w.service.pk}/price",
        body=lambda w, p: {"price": "1500.00"}),
    Row("DELETE", "bookings/admin/findings/{finding_id}", admin_only(204),
        path=lambda w: f"/bookings/admin/findings/{w.finding.pk}"),
    Row("POST", "bookings/mechanic/findings", {**admin_only(404), "mechanic": 201}, body=lambda w, p: {
        "booking_id": w.booking_at("analysed").pk, "severity": "soon", "note": "Wipers smear the screen"}),
    Row("DELETE", "bookings/mechanic/findings/{finding_id}", {**admin_only(404), "mechanic": 204},
        path=lambda w: f"/bookings/mechanic/findings/{w.finding.pk}"),
    Row("GET", "bookings/deferred", signed_in(200)),
    Row("PUT", "bookings/deferred/{item_id}/dismiss", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/bookings/deferred/{w.deferred_item.pk}/dismiss"),
    Row("GET", "car/{car_id}/history", customers_own(200, mechanic=200, admin=200),  # mechanic worked on it
        path=lambda w: f"/car/{w.booking_at('pickup').car_id}/history"),
    Row("PUT", "bookings/{booking_id}/cancel", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/bookings/{w.booking_at('booked').pk}/cancel"),
    Row("GET", "bookings/admin/dashboard", admin_only()),
    Row("GET", "bookings/admin/efficiency", admin_only()),
    Row("POST", "bookings/admin/assign", admin_only(201), body=lambda w, p: {
        "booking_id": w.booking_at("booked").pk, "mechanic_id": w.mechanic.public_id, "assignment_type": "pickup"}),
    Row("GET", "bookings/admin/assign/{booking_id}/suggestions", admin_only(),
        path=lambda w: f"/bookings/admin/assign/{w.booking_at('booked').pk}/suggestions?assignment_type=pickup"),
    Row("POST", "bookings/admin/check-in/{booking_id}", admin_only(),
        path=lambda w: f"/bookings/admin/check-in/{w.booking_at('booked', 'self').pk}"),
    Row("POST", "bookings/admin/check-out/{booking_id}", admin_only(),
        path=lambda w: f"/bookings/admin/check-out/{w.booking_at('completed@paid', 'self').pk}"),
    Row("PUT", "bookings/admin/progress/{progress_id}", admin_only(),
        path=lambda w: f"/bookings/admin/progress/{w.booking_at('pickup@reported').progress_entries.get().pk}",
        body=lambda w, p: {"notes": "Collected; small dent on the rear door noted"}),
    Row("POST", "bookings/admin/progress/{progress_id}/validate", admin_only(),
        path=lambda w: f"/bookings/admin/progress/{w.booking_at('pickup@reported').progress_entries.get().pk}"
                       "/validate"),
    Row("PUT", "bookings/admin/analysis/{booking_id}", admin_only(),
        path=lambda w: f"/bookings/admin/analysis/{w.booking_at('analysed').pk}",
        body=lambda w, p: {"recommendation": "Replace the wiper blades soon"}),
    Row("POST", "bookings/admin/analysis/{booking_id}/validate", admin_only(),
        path=lambda w: f"/bookings/admin/analysis/{w.booking_at('analysed').pk}/validate"),
    Row("GET", "bookings/mechanic/assignments", signed_in(200)),
    Row("POST", "bookings/mechanic/analysis", {**admin_only(404), "mechanic": 201}, body=lambda w, p: {
        "booking_id": w.booking_at("analysis").pk, "description": "Brake pads at 2 mm",
        "quotes": [{"service_id": w.service.pk, "price": "950.00"}]}),
    Row("POST", "bookings/mechanic/progress", {**admin_only(404), "mechanic": 201}, body=lambda w, p: {
        "booking_id": w.handed_over("pickup").pk, "status": "received", "notes": "Car collected"}),
    Row("POST", "bookings/mechanic/custody", {**admin_only(404), "mechanic": 201}, body=lambda w, p: {
        "booking_id": w.booking_at("pickup").pk, "odometer_km": 42000, "fuel_level": "half",
        "images": [walkround_photo()]}, multipart=True),
    Row("POST", "bookings/mechanic/custody/confirm", {**admin_only(404), "mechanic": 200}, body=lambda w, p: {
        "booking_id": w.handover_recorded()[0].pk, "code": w.handover_recorded()[1]}),
    Row("PUT", "bookings/{booking_id}/custody/{stage}/dispute", customers_own(200, mechanic=403, admin=200),
        path=lambda w: f"/bookings/{w.handed_over('pickup').pk}/custody/pickup/dispute",
        body=lambda w, p: {"note": "There was no dent on the door before"}),
    # Backups (issue 6): a name that is ours but has no file, so no cell restores or deletes real data
    Row("POST", "backup/create", admin_only(202)),
    Row("GET", "backup/list", admin_only()),
    Row("POST", "backup/restore", admin_only(404),
        body=lambda w, p: {"name": "revcare-sqlite-20260101-000000.sqlite3"}),
    Row("DELETE", "backup/delete/{backup_name}", admin_only(404),
        path=lambda w: "/backup/delete/revcare-sqlite-20260101-000000.sqlite3"),
    # Notifications (issue 6)
    Row("GET", "notification/notifications/logs", admin_only()),
    # Payments (issue 5)
    Row("GET", "payment/", signed_in(200)),
    Row("GET", "payment/{pk}", customers_own(200, mechanic=200, admin=200),
        path=lambda w: f"/payment/{w.pending_payment.pk}"),
    Row("POST", "payment/verify", customers_own(200, mechanic=200, admin=200),
        body=lambda w, p: w.checkout_callback(p)),
    Row("POST", "payment/verify-cod", customers_own(200, mechanic=200, admin=200),
        body=lambda w, p: w.checkout_callback(p)),
    Row("POST", "payment/webhook", everyone(400), body=lambda w, p: {"event": "payment.captured"}),
    Row("POST", "payment/cash-on-delivery/{booking_id}", customers_own(403, mechanic=201, admin=201),
        path=lambda w: f"/payment/cash-on-delivery/{w.booking_at('out-for-delivery').pk}",
        body=lambda w, p: {"mode": "cash"}),
    Row("GET", "payment/invoices/{booking_id}", customers_own(200, mechanic=200, admin=200),
        path=lambda w: f"/payment/invoices/{w.booking_at('delivered').pk}"),
    # Documentation
    Row("GET", "api/schema/", everyone(200)),
    Row("GET", "docs", everyone(200)),
    Row("GET", "redoc", everyone(200)),
]


def _route_template(prefix: str, pattern) -> str:
    text = prefix + str(pattern.pattern)
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)  # regex groups → {name}
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)  # path converters → {name}
    return text.replace("^", "").replace("$", "").replace("/?", "").replace("\\", "")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern).lstrip("^"))
        elif isinstance(pattern, URLPattern):
            yield prefix, pattern


def api_routes() -> set[tuple[str, str]]:
    routes = set()
    for prefix, pattern in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        if view_class is None or not issubclass(view_class, APIView):
            continue
        actions = getattr(pattern.callback, "actions", None)
        methods = actions.keys() if actions else [m for m in ("get", "post", "put", "patch", "delete")
                                                   if hasattr(view_class, m)]
        for method in methods:
            if method not in ("head", "options"):  # DRF derives HEAD from GET at the first request
                routes.add((method.upper(), _route_template(prefix, pattern)))
    return routes


def test_every_api_route_has_a_row():
    rows = {(row.method, row.route) for row in ROWS}
    routes = api_routes()
    assert routes - rows == set(), "API routes without a role-matrix row"
    assert rows - routes == set(), "role-matrix rows for routes that no longer exist"


def test_every_row_fills_every_persona():
    for row in ROWS:
        assert set(row.expect) == set(PERSONAS), f"{row.method} {row.route}"


@pytest.fixture
def world(customer, other_customer, mechanic, admin) -> World:
    return World(customer, other_customer, mechanic, admin)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.route}")
def test_role_matrix(world, row, persona):
    person = world.person(persona)
    client = client_for(person) if person is not None else APIClient()
    path = row.path(world) if row.path else "/" + row.route
    if row.multipart:
        response = getattr(client, row.method.lower())(path, row.body(world, persona), format="multipart")
    else:
        response = client.generic(row.method, path, data=_encode(row.body(world, persona)),
                                  content_type="application/json")
    assert response.status_code == row.expect[persona], (
        f"{row.method} {path} as {persona}: {response.status_code} {response.content[:300]!r}"
    )


def _encode(body: dict) -> str:
    return json.dumps(body) if body else ""
