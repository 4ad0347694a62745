"""A booking: its lines (the services booked, quoted and consented to, with the audit trail of every
decision) and its timeline. Every status change goes through `bookings.lifecycle.booking_move`; the work
on it lives in `workshop`, what comes after in `aftercare`."""

from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from catalogue.models import Service
from garage.models import Address, CustomerCar, Timeslot


class AssignmentKind(models.TextChoices):
    """What a mechanic is sent to do. Fixed in code: behaviour branches on these values, so staff edit
    only the label shown for each (`AssignmentType.name`), never the kind."""

    PICKUP = "pickup", "Pickup"
    ANALYSIS = "analysis", "Analysis"
    SERVICE = "service", "Service"
    DROP = "drop", "Drop"


class BookingStatus(models.TextChoices):
    BOOKED = "booked"
    PICKUP = "pickup"
    RECEIVED = "received"
    ANALYSIS = "analysis"
    ANALYSED = "analysed"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    OUT_FOR_DELIVERY = "out-for-delivery"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


# What each status means, shown beside its label in `/utils/status` (registered with garage by BookingsConfig).
BOOKING_STATUS_DESCRIPTIONS = {
    BookingStatus.BOOKED: "The customer has booked; a slot is held.",
    BookingStatus.PICKUP: "A mechanic is on the way to collect the car.",
    BookingStatus.RECEIVED: "The car is at the garage.",
    BookingStatus.ANALYSIS: "A mechanic is inspecting the car.",
    BookingStatus.ANALYSED: "The quote is ready for the customer to confirm.",
    BookingStatus.IN_PROGRESS: "The confirmed work is under way.",
    BookingStatus.COMPLETED: "All confirmed work is done.",
    BookingStatus.OUT_FOR_DELIVERY: "A mechanic is returning the car.",
    BookingStatus.DELIVERED: "The car is back with its owner.",
    BookingStatus.CANCELLED: "The booking was cancelled.",
}


class PickupType(models.TextChoices):
    DOORSTEP = "doorstep"  # a mechanic collects the car from an address
    SELF = "self"  # the customer brings it


class PaymentMethod(models.TextChoices):
    COD = "cod", "Cash on delivery"
    ONLINE = "online", "Online"


class BookedPlace(NamedTuple):
    """An address as it was when the booking was made: the street (line 1, line 2) and the area."""

    text: str
    area: str

    def __str__(self) -> str:
        return f"{self.text}, {self.area}" if self.area else self.text

    @classmethod
    def of(cls, address: Address) -> "BookedPlace":
        return cls(", ".join(line for line in (address.line1, address.line2) if line), str(address.area))


class Booking(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    car = models.ForeignKey(CustomerCar, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    pickup_type = models.CharField(max_length=10, choices=PickupType.choices)
    pickup_date = models.DateField()
    pickup_timeslot = models.ForeignKey(Timeslot, on_delete=models.PROTECT, related_name="pickups")
    pickup_address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    drop_date = models.DateField()
    drop_timeslot = models.ForeignKey(Timeslot, on_delete=models.PROTECT, related_name="drops")
    drop_address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The addresses as they were when booked: a customer editing an address later never rewrites the record.
    pickup_address_text = models.CharField(max_length=410, blank=True)
    pickup_area_text = models.CharField(max_length=120, blank=True)
    drop_address_text = models.CharField(max_length=410, blank=True)
    drop_area_text = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)
    # The GST rate in force when the price was fixed; later rate changes never touch this booking.
    gst_percent = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True, help_text="When the car reached the garage")
    returned_at = models.DateTimeField(null=True, blank=True, help_text="When a cancelled car was given back")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_fee = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True,
                                           help_text="Before GST")
    cancellation_fee_gst = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pickup_date", "pickup_timeslot", "status"])]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.status})"

    @property
    def pickup_place(self) -> BookedPlace | None:
        return BookedPlace(self.pickup_address_text, self.pickup_area_text) if self.pickup_address_id else None

    @property
    def drop_place(self) -> BookedPlace | None:
        return BookedPlace(self.drop_address_text, self.drop_area_text) if self.drop_address_id else None

    @property
    def cancellation_total(self):
        if self.cancellation_fee is None:
            return None
        return self.cancellation_fee + self.cancellation_fee_gst


class BookedServiceStatus(models.TextChoices):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


BOOKED_SERVICE_STATUS_DESCRIPTIONS = {
    BookedServiceStatus.BOOKED: "Asked for at booking or recommended.",
    BookedServiceStatus.CONFIRMED: "Approved by the customer.",
    BookedServiceStatus.REJECTED: "Declined by the customer.",
}


class BookedService(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="services")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")
    quantity = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    estimated_price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    quoted_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=BookedServiceStatus.choices, default=BookedServiceStatus.BOOKED)
    is_recommended = models.BooleanField(default=False, help_text="Added by the analysing mechanic")
    is_done = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["booking", "service"], name="bookedservice_unique")]

    def __str__(self) -> str:
        return f"{self.service} ×{self.quantity} in booking {self.booking_id}"


class BookingEvent(models.Model):
    """The timeline: one row per status change (or other notable step), with who made it."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Booking {self.booking_id}: {self.from_status or '—'} → {self.to_status}"


class DecisionChannel(models.TextChoices):
    PORTAL = "portal", "Customer portal"
    API = "api", "API"


class LineDecision(models.Model):
    """The audit trail of consent: every approval or refusal of a quoted line, with who made it, when,
    through what, and the price they saw. Rows are only ever added."""

    line = models.ForeignKey(BookedService, on_delete=models.CASCADE, related_name="decisions")
    approved = models.BooleanField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2, help_text="The quoted price the customer saw")
    quantity = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=10, choices=DecisionChannel.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{'Approved' if self.approved else 'Declined'} line {self.line_id} at {self.unit_price}"
