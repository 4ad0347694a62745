"""After the visit: work the customer declined, kept on the car until it is booked again, and the
reminders that bring it back. The tables keep the names they had in bookings."""

from django.db import models

from bookings.models import BookedService, Booking
from catalogue.models import Service
from garage.models import CustomerCar
from workshop.models import Finding, FindingSeverity


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
        db_table = "bookings_deferreditem"
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
        db_table = "bookings_deferredreminder"
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["item", "window"], name="one_reminder_per_item_window")]

    def __str__(self) -> str:
        return f"{self.get_window_display()} reminder for {self.item}"
