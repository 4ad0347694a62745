"""The work on a booking: who may do it (mechanics' profiles), what a mechanic is sent to do (assignments),
their reports (analysis with its findings, progress) and the car's custody at the doorstep. The tables keep
the names they had in bookings and accounts (moved with SeparateDatabaseAndState: no table renamed, no row
copied)."""

from django.conf import settings
from django.db import models

from bookings.models import AssignmentKind, BookedService, Booking, BookingStatus
from catalogue.models import Category
from revcare.uploads import UnguessableName


class MechanicProfile(models.Model):
    """What a mechanic may be sent to do, and the score their validated work earned. Moved from accounts
    (state only): the tables keep their accounts_ names."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mechanic_profile")
    date_of_birth = models.DateField(null=True, blank=True)
    can_pickup_drop = models.BooleanField(default=False)
    can_analyse = models.BooleanField(default=False)
    score = models.PositiveIntegerField(default=0)
    categories = models.ManyToManyField(Category, blank=True, related_name="mechanics",
                                        db_table="accounts_mechanicprofile_categories",
                                        help_text="Service categories the mechanic works on")

    class Meta:
        db_table = "accounts_mechanicprofile"

    def __str__(self) -> str:
        return f"Mechanic profile of {self.user}"


class AssignmentType(models.Model):
    """The label and description staff give one of the four kinds; one row per kind (seeded)."""

    kind = models.CharField(max_length=10, choices=AssignmentKind.choices, unique=True, editable=False)
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "bookings_assignmenttype"
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


class Assignment(models.Model):
    """A mechanic sent to do one phase of a booking. Open until the admin validates that work."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="assignments")
    mechanic = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assignment_type = models.ForeignKey(AssignmentType, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "bookings_assignment"
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
        db_table = "bookings_analysis"
        verbose_name_plural = "analyses"
        indexes = [models.Index(fields=["booking"], condition=models.Q(validated_at__isnull=True),
                                name="analysis_unvalidated_idx")]

    def __str__(self) -> str:
        return f"Analysis of booking {self.booking_id}"


class AnalysisImage(models.Model):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("analysis"))

    class Meta:
        db_table = "bookings_analysisimage"

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
        db_table = "bookings_finding"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} finding on booking analysis {self.analysis_id}"


class FindingImage(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("findings"))

    class Meta:
        db_table = "bookings_findingimage"

    def __str__(self) -> str:
        return f"Photo for finding {self.finding_id}"


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
        db_table = "bookings_progress"
        ordering = ["created_at", "id"]
        verbose_name_plural = "progress entries"
        indexes = [models.Index(fields=["booking"], condition=models.Q(validated_at__isnull=True),
                                name="progress_unvalidated_idx")]

    def __str__(self) -> str:
        return f"Progress {self.pk} of booking {self.booking_id}: {self.status}"


class ProgressImage(models.Model):
    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("progress"))

    class Meta:
        db_table = "bookings_progressimage"

    def __str__(self) -> str:
        return f"Photo for progress {self.progress_id}"


class CustodyStage(models.TextChoices):
    PICKUP = "pickup", "Pickup"
    DROP = "drop", "Drop"


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
        db_table = "bookings_custodyrecord"
        ordering = ["recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["booking", "stage"], name="one_custody_record_per_stage")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of booking {self.booking_id} at {self.odometer_km} km"


class CustodyPhoto(models.Model):
    record = models.ForeignKey(CustodyRecord, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=UnguessableName("custody"))

    class Meta:
        db_table = "bookings_custodyphoto"

    def __str__(self) -> str:
        return f"Walk-round photo for custody record {self.record_id}"


# The kinds of assignment in which the car changes hands, and the custody stage each records.
HANDOVER_STAGE = {AssignmentKind.PICKUP: CustodyStage.PICKUP, AssignmentKind.DROP: CustodyStage.DROP}
