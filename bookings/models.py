"""Bookings, what happens to them (timeline, assignments, analysis, progress) and their services.
Every status change goes through `bookings.lifecycle.booking_move`."""

from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from catalogue.models import Service
from garage.models import Address, CustomerCar, Timeslot
from revcare.uploads import UnguessableName


class AssignmentKind(models.TextChoices):
    """What a mechanic is sent to do. Fixed in code: behaviour branches on these values, so staff edit
    only the label shown for each (`AssignmentType.name`), never the kind."""

    PICKUP = "pickup", "Pickup"
    ANALYSIS = "analysis", "Analysis"
    SERVICE = "service", "Service"
    DROP = "drop", "Drop"


class AssignmentType(models.Model):
    """The label and description staff give one of the four kinds; one row per kind (seeded)."""

    kind = models.CharField(max_length=10, choices=AssignmentKind.choices, unique=True, editable=False)
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_pickup_drop(self) -> bool:
        """Whether the mechanic must be qualified for pickup and drop."""
        return self.kind in (AssignmentKind.PICKUP, AssignmentKind.DROP)

    @property
    def needs_analysis(self) -> bool:
        """Whether the mechanic must be qualified to analyse."""
        return self.kind == AssignmentKind.ANALYSIS


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


class Assignment(models.Model):
    """A mechanic sent to do one phase of a booking. Open until the admin validates that work."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="assignments")
    mechanic = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assignment_type = models.ForeignKey(AssignmentType, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        indexes = [
            models.Index(fields=["mechanic", "closed_at"]),
            # The few open ones, for the desk's "pending work" flags (the rest are history).
            models.Index(fields=["booking"], condition=models.Q(closed_at__isnull=True), name="assignment_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_type} of booking {self.booking_id} to {self.mechanic_id}"


class CheckedWork(models.Model):
    """A mechanic's report that an admin may edit, and then validates; validated reports are frozen."""

    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    edited_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Analysis(CheckedWork):
    """The analysing mechanic's findings and quote; frozen once an admin validates it."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="analysis")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    mechanic = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    recommendation = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta(CheckedWork.Meta):
        verbose_name_plural = "analyses"
        indexes = [models.Index(fields=["booking"], condition=models.Q(validated_at__isnull=True),
                                name="analysis_unvalidated_idx")]

    def __str__(self) -> str:
        return f"Analysis of booking {self.booking_id}"


class AnalysisImage(models.Model):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("analysis"))

    def __str__(self) -> str:
        return f"Photo for analysis {self.analysis_id}"


class FindingSeverity(models.TextChoices):
    URGENT = "urgent", "Urgent"
    SOON = "soon", "Soon"
    FINE = "fine", "Fine for now"

    @classmethod
    def rank(cls, severity: str) -> int:
        """0 for the most urgent: the order findings are shown and weighed in."""
        return cls.values.index(severity)


class Finding(models.Model):
    """Something the analysing mechanic found on the car, with the photos that show it and the quoted
    line of the booking that fixes it (none when nothing needs doing yet)."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="findings")
    severity = models.CharField(max_length=10, choices=FindingSeverity.choices)
    note = models.TextField()
    line = models.ForeignKey(BookedService, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings",
                             help_text="The quoted service that fixes it")
    due_km = models.PositiveIntegerField(null=True, blank=True,
                                         help_text="Odometer reading by which the fix is due, if the mechanic sets one")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} finding on booking analysis {self.analysis_id}"


class FindingImage(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("findings"))

    def __str__(self) -> str:
        return f"Photo for finding {self.finding_id}"


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


class Progress(CheckedWork):
    """A mechanic's report on their assignment: car received, services done, car delivered."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="progress_entries")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="progress_entries")
    mechanic = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=BookingStatus.choices,
                              help_text="What the mechanic reports: received, in-progress or delivered")
    notes = models.TextField(blank=True)
    completed_services = models.ManyToManyField(BookedService, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(CheckedWork.Meta):
        ordering = ["created_at", "id"]
        verbose_name_plural = "progress entries"
        indexes = [models.Index(fields=["booking"], condition=models.Q(validated_at__isnull=True),
                                name="progress_unvalidated_idx")]

    def __str__(self) -> str:
        return f"Progress {self.pk} of booking {self.booking_id}: {self.status}"


class ProgressImage(models.Model):
    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("progress"))

    def __str__(self) -> str:
        return f"Photo for progress {self.progress_id}"


class DeferredStatus(models.TextChoices):
    OPEN = "open", "Open"
    BOOKED = "booked", "Booked"
    DISMISSED = "dismissed", "Dismissed"


class DeferredItem(models.Model):
    """Work the customer declined, kept on the car with a due date (from the finding's severity) and,
    where the mechanic set one, a due odometer reading, until it is booked again."""

    car = models.ForeignKey(CustomerCar, on_delete=models.CASCADE, related_name="deferred_items")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    declined_line = models.OneToOneField(BookedService, on_delete=models.CASCADE, related_name="deferred_item")
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    severity = models.CharField(max_length=10, choices=FindingSeverity.choices)
    due_date = models.DateField()
    due_km = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=DeferredStatus.choices, default=DeferredStatus.OPEN)
    booked_in = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.service} for car {self.car_id}, due {self.due_date}"


class ReminderWindow(models.TextChoices):
    DUE_SOON = "due-soon", "Due within a week"
    OVERDUE = "overdue", "Overdue"


class DeferredReminder(models.Model):
    """One reminder email about a deferred item in one window: at most one per item and window. Its
    token is the link that books the work, and the booking made through it is kept for the figures."""

    item = models.ForeignKey(DeferredItem, on_delete=models.CASCADE, related_name="reminders")
    window = models.CharField(max_length=10, choices=ReminderWindow.choices)
    token = models.CharField(max_length=43, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="The booking made from this reminder's link")

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["item", "window"], name="one_reminder_per_item_window")]

    def __str__(self) -> str:
        return f"{self.get_window_display()} reminder for {self.item}"


class CustodyStage(models.TextChoices):
    PICKUP = "pickup", "Pickup"
    DROP = "drop", "Drop"


# The kinds of assignment in which the car changes hands, and the custody stage each records.
HANDOVER_STAGE = {AssignmentKind.PICKUP: CustodyStage.PICKUP, AssignmentKind.DROP: CustodyStage.DROP}


class FuelLevel(models.TextChoices):
    EMPTY = "empty", "Reserve"
    QUARTER = "quarter", "¼"
    HALF = "half", "½"
    THREE_QUARTERS = "three-quarters", "¾"
    FULL = "full", "Full"


class CustodyRecord(models.Model):
    """The car changing hands at the doorstep: odometer, fuel and a photo walk-round recorded by the
    mechanic, and the moment the customer confirmed the handover with the one-time code emailed to them.
    What both sides point to if anything is disputed later."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="custody_records")
    stage = models.CharField(max_length=10, choices=CustodyStage.choices)
    odometer_km = models.PositiveIntegerField()
    fuel_level = models.CharField(max_length=20, choices=FuelLevel.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    code_digest = models.CharField(max_length=64, help_text="HMAC of the one-time code; the code is never stored")
    code_sent_at = models.DateTimeField()
    code_attempts = models.PositiveSmallIntegerField(default=0)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_note = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["booking", "stage"], name="one_custody_record_per_stage")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of booking {self.booking_id} at {self.odometer_km} km"


class CustodyPhoto(models.Model):
    record = models.ForeignKey(CustodyRecord, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=UnguessableName("custody"))

    def __str__(self) -> str:
        return f"Walk-round photo for custody record {self.record_id}"
