"""Drives bookings through the real API, as the customer, the admin and mechanics would."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone

from bookings.models import Booking
from catalogue.models import PriceChart
from catalogue.tests.factories import ServiceFactory
from conftest import client_for
from frontdesk.demo import walkround_photo
from garage.models import Status, Timeslot
from garage.selectors import garage_settings_get
from garage.tests.factories import AddressFactory, CustomerCarFactory
from notifications.models import Notification
from workshop.models import CustodyRecord


def status_id(code: str) -> int:
    return Status.objects.get(kind="booking", code=code).pk


class BookingFlow:
    def __init__(self, *, customer, admin, mechanic, services=None):
        self.customer, self.admin, self.mechanic = customer, admin, mechanic
        self.customer_api, self.admin_api = client_for(customer), client_for(admin)
        self.mechanic_api = client_for(mechanic)
        self.car = CustomerCarFactory(customer=customer)
        self.address = AddressFactory(customer=customer)
        car_class = self.car.car_model.car_class
        # Two services: 1000 × 1 (difficulty 2) and 3000 × 2 (difficulty 4) for this car's class.
        self.services = services or [ServiceFactory(difficulty=2, price=1000), ServiceFactory(difficulty=4, price=1)]
        PriceChart.objects.filter(service=self.services[1]).update(price=Decimal("3000"), car_class=car_class)
        PriceChart.objects.filter(service=self.services[0]).update(car_class=car_class)
        self.extra = ServiceFactory(difficulty=1, price=500)
        PriceChart.objects.filter(service=self.extra).update(car_class=car_class)
        self.booking_id = None

    @property
    def booking(self) -> Booking:
        return Booking.objects.get(pk=self.booking_id)

    def ok(self, response, status=200):
        assert response.status_code == status, response.content
        return response.json()

    def create(self, pickup_type="doorstep", days_ahead=2, **overrides):
        pickup = timezone.localdate() + datetime.timedelta(days=days_ahead)
        body = {
            "vehicle_id": self.car.pk, "pickup_type": pickup_type,
            "timeslot_id": Timeslot.objects.get(name="Morning").pk,
            "pickup_date": pickup.isoformat(), "drop_date": (pickup + datetime.timedelta(days=2)).isoformat(),
            "drop_timeslot_id": Timeslot.objects.get(name="Evening").pk,
            "services": [{"service_id": self.services[0].pk, "quantity": 1},
                         {"service_id": self.services[1].pk, "quantity": 2}],
            "notes": "Need quick turnaround",
        }
        if pickup_type == "doorstep":
            body["pickup_address_id"] = self.address.pk
        body.update(overrides)
        response = self.customer_api.post("/bookings/", body, format="json")
        self.booking_id = self.ok(response, 201)["id"]
        return response.json()

    def assign(self, code, mechanic=None):
        mechanic = mechanic or self.mechanic
        return self.admin_api.post("/bookings/admin/assign", {"booking_id": self.booking_id,
                                                              "mechanic_id": mechanic.public_id,
                                                              "assignment_type": code}, format="json")

    def report(self, code, mechanic_api=None, handover=True, **extra):
        """A progress report; a pickup (received) or drop (delivered) first hands the car over, as the
        mechanic must, unless `handover=False`."""
        api = mechanic_api or self.mechanic_api
        if handover and code in ("received", "delivered"):
            self.hand_over(mechanic_api=api)
        return api.post("/bookings/mechanic/progress", {"booking_id": self.booking_id, "status_id": status_id(code),
                                                        **extra}, format="json")

    def hand_over(self, mechanic_api=None, odometer_km=42310):
        """The doorstep handover through the API: the record, then (when the garage asks for it) the code the
        customer received by email."""
        api = mechanic_api or self.mechanic_api
        if CustodyRecord.objects.filter(booking_id=self.booking_id, handed_over_at__isnull=False,
                                        stage="pickup" if self.booking.status == "pickup" else "drop").exists():
            return
        recorded = api.post("/bookings/mechanic/custody", {
            "booking_id": self.booking_id, "odometer_km": odometer_km, "fuel_level": "half",
            "images": [walkround_photo()]}, format="multipart")
        if recorded.status_code != 201 or not garage_settings_get().handover_code_required:
            return recorded  # the progress report that follows shows why, or needs no code
        self.ok(api.post("/bookings/mechanic/custody/confirm", {"booking_id": self.booking_id,
                                                                "code": self.handover_code()}, format="json"))

    def handover_code(self) -> str:
        """The code in the newest handover email to the customer."""
        email = Notification.objects.filter(booking_id=self.booking_id, subject__startswith="Your handover code")
        return re.search(r"handover code: (\d{6})", email.latest("id").body_text).group(1)

    def validate_latest_progress(self):
        progress_id = self.booking.progress_entries.order_by("-id").first().pk
        return self.admin_api.post(f"/bookings/admin/progress/{progress_id}/validate")

    def analyse(self, mechanic_api=None, recommend=True):
        api = mechanic_api or self.mechanic_api
        body = {"booking_id": self.booking_id, "description": "Front pads worn to 2 mm.",
                "recommendation": "Replace the pads and skim the discs.",
                "quotes": [{"service_id": self.services[0].pk, "price": "1100.00"},
                           {"service_id": self.services[1].pk, "price": "2900.00"}]}
        if recommend:
            body["recommended"] = [{"service_id": self.extra.pk, "quantity": 1, "price": "450.00"}]
        return api.post("/bookings/mechanic/analysis", body, format="json")

    def confirm(self, service_ids=None, method="cod"):
        ids = service_ids or [service.pk for service in self.services]
        return self.customer_api.put(f"/bookings/{self.booking_id}/confirm-services",
                                     {"service_ids": ids, "payment_method": method}, format="json")

    # Whole stretches of the path --------------------------------------------------------------

    def to_received(self, pickup_type="doorstep"):
        self.create(pickup_type)
        if pickup_type == "doorstep":
            self.ok(self.assign("pickup"), 201)
            self.ok(self.report("received", notes="Car collected, no new scratches"), 201)
            self.ok(self.validate_latest_progress())
        else:
            self.ok(self.admin_api.post(f"/bookings/admin/check-in/{self.booking_id}"))

    def to_analysed(self, pickup_type="doorstep", validate=True):
        self.to_received(pickup_type)
        self.ok(self.assign("analysis"), 201)
        self.ok(self.analyse(), 201)
        if validate:
            self.ok(self.admin_api.post(f"/bookings/admin/analysis/{self.booking_id}/validate"))

    def to_in_progress(self, pickup_type="doorstep"):
        self.to_analysed(pickup_type)
        self.ok(self.confirm())
        self.ok(self.assign("service"), 201)

    def to_completed(self, pickup_type="doorstep"):
        self.to_in_progress(pickup_type)
        ids = [service.pk for service in self.services]
        self.ok(self.report("in-progress", completed_service_ids=ids), 201)
        self.ok(self.validate_latest_progress())
