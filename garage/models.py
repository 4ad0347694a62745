"""Places, vehicles and the garage's own settings: areas and addresses, car reference data and
customers' cars, timeslots, the status master, CMS content and the GST rate."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from revcare.uploads import UnguessableName

pincode_validator = RegexValidator(r"^[1-9][0-9]{5}$", "Enter a 6-digit Indian pincode.")


class Area(models.Model):
    name = models.CharField(max_length=100)
    pincode = models.CharField(max_length=6, validators=[pincode_validator])

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "pincode"], name="area_unique_name_pincode")]

    def __str__(self) -> str:
        return f"{self.name} ({self.pincode})"


class Address(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="addresses")
    label = models.CharField(max_length=40, help_text="Home, Office…")
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="addresses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return f"{self.label}: {self.line1}, {self.area}"


class Manufacturer(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FuelType(models.Model):
    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CarClass(models.Model):
    """Hatchback, sedan, SUV…: the class picks the price of a service."""

    name = models.CharField(max_length=40, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "car classes"

    def __str__(self) -> str:
        return self.name


class CarModel(models.Model):
    name = models.CharField(max_length=80)
    manufacturer = models.ForeignKey(Manufacturer, on_delete=models.PROTECT, related_name="car_models")
    fuel_type = models.ForeignKey(FuelType, on_delete=models.PROTECT, related_name="car_models")
    car_class = models.ForeignKey(CarClass, on_delete=models.PROTECT, related_name="car_models")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1980), MaxValueValidator(2100)])
    image = models.ImageField(upload_to=UnguessableName("car-models"), blank=True)

    class Meta:
        ordering = ["manufacturer__name", "name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["manufacturer", "name", "fuel_type", "year"], name="carmodel_unique")
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.name} {self.year} ({self.fuel_type})"


class CustomerCar(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cars")
    car_model = models.ForeignKey(CarModel, on_delete=models.PROTECT, related_name="customer_cars")
    # Stored normalised (upper case, no spaces or dashes), so "ka-01 ab 1234" and "KA01AB1234" collide.
    registration_number = models.CharField(max_length=12, unique=True)
    nickname = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.registration_number} ({self.car_model})"


class Timeslot(models.Model):
    """A named window of the day; capacity is how many pickups (or drop-ins) it takes per day."""

    name = models.CharField(max_length=40, unique=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["start_time"]
        constraints = [models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")),
                                              name="timeslot_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.name} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def has_ended(self, on: date) -> bool:
        """Whether the slot is over on that day by the garage's clock (the project's TIME_ZONE)."""
        return datetime.combine(on, self.end_time, tzinfo=timezone.get_default_timezone()) <= timezone.now()


class StatusKind(models.TextChoices):
    BOOKING = "booking"
    BOOKED_SERVICE = "booked_service"
    PAYMENT = "payment"
    REFUND = "refund"
    NOTIFICATION = "notification"


class Status(models.Model):
    """Status master data (`/utils/status`): the label staff give each status RevCare uses. The statuses
    themselves are the apps' enums (registered in `garage.statuses`): kind, code and order follow them and
    never change here; only name and description are edited."""

    kind = models.CharField(max_length=20, choices=StatusKind.choices, editable=False)
    code = models.CharField(max_length=30, editable=False, help_text="The status's value in its app's enum")
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False, help_text="Its place in the enum")

    class Meta:
        ordering = ["kind", "sort_order", "code"]
        verbose_name_plural = "statuses"
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="status_unique_kind_code")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class Content(models.Model):
    """A CMS entry keyed by slug: home-banner, offers-banner, terms, privacy…"""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    image = models.ImageField(upload_to=UnguessableName("content"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "content"

    def __str__(self) -> str:
        return self.slug


class GstRate(models.Model):
    """Every GST rate ever set; the newest row is the active one. Rows are never changed."""

    percent = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("28"))]
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        get_latest_by = ["set_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(percent__gte=0, percent__lte=28),
                                              name="gst_percent_0_to_28")]

    def __str__(self) -> str:
        return f"{self.percent}% from {self.set_at:%Y-%m-%d %H:%M}"


class GarageSettings(models.Model):
    """The garage's policies, one row (id 1), changed on the desk's settings page or in Django admin."""

    SINGLE_ROW_ID = 1

    handover_code_required = models.BooleanField(
        "ask the customer for a handover code", default=False,
        help_text="On: a doorstep pickup or drop is reported received or delivered only after the mechanic "
                  "records the handover and enters the one-time code emailed to the customer. Off: the handover "
                  "record (odometer, fuel, photos) is recommended, and no code is sent.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "garage settings"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="garage_settings_single_row")]

    def __str__(self) -> str:
        return "Garage settings"
