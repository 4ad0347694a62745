"""Deferred work that comes back: a line the customer declines becomes a deferred item on the car, due
by a date set from the finding's severity (and an odometer reading, where the mechanic gave one). A
daily task emails a reminder when an item comes due and again when it is overdue — once per item and
window — with a link that puts the service in the cart and opens the booking wizard; a booking made
from that link is attributed to the reminder."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from aftercare.models import DeferredItem, DeferredReminder, DeferredStatus, ReminderWindow
from bookings.models import BookedService, BookedServiceStatus, Booking
from notifications.models import NotificationCategory
from notifications.services import notify
from workshop.models import FindingSeverity

# Days from the refusal to the due date, by how urgent the finding behind the line was; a line declined
# with no finding behind it (work the customer booked, then declined) counts as "soon".
DUE_DAYS = {FindingSeverity.URGENT: 7, FindingSeverity.SOON: 30, FindingSeverity.FINE: 180}
REMINDER_LEAD_DAYS = 7  # the first reminder goes out this many days before the due date


def deferred_from_decisions(lines: list[BookedService]) -> None:
    """Declined lines become (or stay) open deferred items; a line approved after all closes its item."""
    today = timezone.localdate()
    for line in lines:
        if line.status == BookedServiceStatus.REJECTED:
            findings = sorted(line.findings.all(), key=lambda f: FindingSeverity.rank(f.severity))
            finding = findings[0] if findings else None
            severity = finding.severity if finding else FindingSeverity.SOON
            DeferredItem.objects.update_or_create(declined_line=line, defaults={
                "car_id": line.booking.car_id, "service_id": line.service_id, "finding": finding,
                "severity": severity, "due_date": today + timedelta(days=DUE_DAYS[severity]),
                "due_km": finding.due_km if finding else None, "status": DeferredStatus.OPEN, "booked_in": None})
        elif line.status == BookedServiceStatus.CONFIRMED:
            DeferredItem.objects.filter(declined_line=line, status=DeferredStatus.OPEN).update(
                status=DeferredStatus.BOOKED, booked_in=line.booking)


def deferred_items_booked(*, booking: Booking, service_ids: list[int], reminder_token: str = "") -> None:
    """A new booking takes up the car's open deferred items for the services it books, and is credited
    to the reminder whose link it came from."""
    items = DeferredItem.objects.filter(car_id=booking.car_id, status=DeferredStatus.OPEN, service_id__in=service_ids)
    item_ids = list(items.values_list("pk", flat=True))
    items.update(status=DeferredStatus.BOOKED, booked_in=booking)
    if reminder_token:
        DeferredReminder.objects.filter(token=reminder_token, item_id__in=item_ids, booking__isnull=True).update(
            booking=booking)


def deferred_item_dismiss(*, item: DeferredItem) -> DeferredItem:
    """The customer says the work is no longer needed (done elsewhere, car sold): no more reminders."""
    DeferredItem.objects.filter(pk=item.pk, status=DeferredStatus.OPEN).update(status=DeferredStatus.DISMISSED)
    item.refresh_from_db()
    return item


def _window(item: DeferredItem, today: date) -> str:
    return ReminderWindow.OVERDUE if item.due_date < today else ReminderWindow.DUE_SOON


def deferred_reminders_send(*, today: date | None = None) -> int:
    """Email every open item coming due (within REMINDER_LEAD_DAYS) or overdue, unless it was already
    reminded in that window. Safe to run twice or on two workers at once: the unique (item, window)
    row decides who sends. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    due = (DeferredItem.objects.filter(status=DeferredStatus.OPEN,
                                       due_date__lte=today + timedelta(days=REMINDER_LEAD_DAYS))
           .select_related("car__customer", "car__car_model", "service"))
    return sum(1 for item in due if _remind(item, _window(item, today)))


def _remind(item: DeferredItem, window: str) -> bool:
    try:
        with transaction.atomic():
            reminder = DeferredReminder.objects.create(item=item, window=window, token=secrets.token_urlsafe(32))
            customer = item.car.customer
            link = settings.SITE_URL + reverse("portal:reminder-link", args=[reminder.token])
            when = "is overdue" if window == ReminderWindow.OVERDUE else f"is due by {item.due_date:%d %b %Y}"
            notify(recipient=customer, category=NotificationCategory.SERVICE_REMINDER,
                   subject=f"{item.service.title} for {item.car.registration_number} {when}",
                   template="deferred_reminder", context={"item": item, "link": link, "when": when})
    except IntegrityError:
        return False  # already reminded in this window
    return True
