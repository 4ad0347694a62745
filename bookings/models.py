"""Bookings. The tables come first (reviews and slot capacity read them); the state machine that
moves them is the booking-lifecycle issue."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from catalogue.models import Service
from garage.models import Address, CustomerCar, Timeslot


class AssignmentType(models.Model):
    """What a mechanic is sent to do: pickup, analysis, service, drop (seeded)."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=60)
    needs_pickup_drop = models.BooleanField(default=False, help_text="Mechanic must be qualified for pickup/drop")
    needs_analysis = models.BooleanField(default=False, help_text="Mechanic must be qualified to analyse")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


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


class PickupType(models.TextChoices):
    DOORSTEP = "doorstep"  # a mechanic collects the car from an address
    SELF = "self"  # the customer brings it


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
    notes = models.TextField(blank=True)
    # The GST rate in force when the price was fixed; later rate changes never touch this booking.
    gst_percent = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pickup_date", "pickup_timeslot", "status"])]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.status})"


class BookedServiceStatus(models.TextChoices):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


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
