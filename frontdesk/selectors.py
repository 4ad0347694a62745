"""The admin desk's reads: action required, the dashboard and its cached summary."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from aftercare.selectors import reminder_figures
from bookings import money
from bookings.models import BookedService, BookedServiceStatus, Booking, BookingEvent, BookingStatus, PickupType
from bookings.selectors.access import FINISHED, list_rows
from workshop.models import Assignment
from workshop.selectors.work import with_pending_work

S = BookingStatus


# The admin desk ----------------------------------------------------------------------------------


def _desk_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return with_pending_work(list_rows(bookings))


def action_required(booking: Booking) -> str:
    """What the garage must do next: assign, validate, waiting (on a mechanic or the customer), none."""
    if booking.has_unvalidated_progress or booking.has_unvalidated_analysis:
        return "validate"
    if booking.has_open_assignment:
        return "waiting"
    status, doorstep = booking.status, booking.pickup_type == PickupType.DOORSTEP
    if status == S.CANCELLED:
        return "assign" if booking.received_at and not booking.returned_at else "none"
    if status == S.DELIVERED:
        return "none"
    if status == S.ANALYSED:
        return "waiting"  # on the customer's confirmation
    if status in (S.BOOKED, S.COMPLETED) and not doorstep:
        return "waiting"  # on the customer bringing or collecting the car
    return "assign"


def dashboard_bookings(*, status: str | None = None, date_from: date | None = None, date_to: date | None = None,
                       mechanic_public_id: str | None = None, customer_public_id: str | None = None) -> QuerySet:
    bookings = Booking.objects.all()
    if status:
        bookings = bookings.filter(status=status)
    if date_from:
        bookings = bookings.filter(pickup_date__gte=date_from)
    if date_to:
        bookings = bookings.filter(pickup_date__lte=date_to)
    if mechanic_public_id:
        bookings = bookings.filter(Exists(Assignment.objects.filter(booking=OuterRef("pk"),
                                                                    mechanic__public_id=mechanic_public_id)))
    if customer_public_id:
        bookings = bookings.filter(customer__public_id=customer_public_id)
    return _desk_rows(bookings).order_by("pickup_date", "pickup_timeslot__start_time", "id")


def desk_action_queue(*, limit: int = 50) -> list[Booking]:
    """Bookings the garage must act on now (assign someone, or validate a report), soonest first."""
    open_bookings = _desk_rows(Booking.objects.exclude(status=S.DELIVERED)).order_by(
        "pickup_date", "pickup_timeslot__start_time", "id")
    queue = []
    for booking in open_bookings.iterator(chunk_size=200):
        booking.action = action_required(booking)
        if booking.action in ("assign", "validate"):
            queue.append(booking)
            if len(queue) == limit:
                break
    return queue


def desk_day(*, on: date) -> tuple[QuerySet, QuerySet]:
    """(pickups, drops) planned for a day, cancelled bookings left out."""
    active = _desk_rows(Booking.objects.exclude(status=S.CANCELLED))
    return (active.filter(pickup_date=on).order_by("pickup_timeslot__start_time", "id"),
            active.filter(drop_date=on).order_by("drop_timeslot__start_time", "id"))


@dataclass(frozen=True)
class DashboardSummary:
    counts: dict[str, int]
    pickups_today: int
    drops_today: int
    revenue: Decimal  # since the garage opened
    revenue_today: Decimal
    revenue_month: Decimal  # this calendar month, today included
    reminders_sent: int
    reminders_booked: int


DASHBOARD_SUMMARY_KEY = "bookings:dashboard-summary"


def dashboard_summary_forget() -> None:
    cache.delete(f"{DASHBOARD_SUMMARY_KEY}:{timezone.localdate().isoformat()}")


def dashboard_summary() -> DashboardSummary:
    """The desk's headline figures, from the cache: recomputing them scans every booking (about
    150 ms at 100,000 bookings), and they only change when a booking's timeline does, which clears
    the cache (desk.receivers, on every timeline entry). The day rolls over within a minute."""
    key = f"{DASHBOARD_SUMMARY_KEY}:{timezone.localdate().isoformat()}"
    summary = cache.get(key)
    if summary is None:
        summary = _dashboard_summary_computed()
        cache.set(key, summary, 60)
    return summary


def dashboard_total(summary: DashboardSummary, *, status: str | None = None, **other_filters) -> int | None:
    """How many bookings the dashboard lists, when the summary's counts per status already say so."""
    if any(value for value in other_filters.values()):
        return None
    return summary.counts.get(status, 0) if status else sum(summary.counts.values())


def _dashboard_summary_computed() -> DashboardSummary:
    """Counts per status, today's pickups and drops, and revenue: the confirmed work (before GST) of
    bookings whose work is finished, plus cancellation fees — in all, today and this month (the garage's
    days, settings.TIME_ZONE; work counts when the booking was completed, a fee when it was cancelled).
    Four queries, and the reminders' figures."""
    counts = dict.fromkeys(S.values, 0)
    counts.update({row["status"]: row["n"] for row in Booking.objects.values("status").annotate(n=Count("id"))})
    today = timezone.localdate()
    day_start = timezone.make_aware(datetime.combine(today, time.min))
    month_start = timezone.make_aware(datetime.combine(today.replace(day=1), time.min))
    active = ~Q(status=S.CANCELLED)
    day = Booking.objects.filter(active).aggregate(
        pickups=Count("id", filter=Q(pickup_date=today)), drops=Count("id", filter=Q(drop_date=today)))
    completed_at = BookingEvent.objects.filter(booking=OuterRef("booking"), to_status=S.COMPLETED).order_by(
        "created_at").values("created_at")[:1]
    value = F("quoted_price") * F("quantity")
    work = BookedService.objects.filter(booking__status__in=FINISHED, status=BookedServiceStatus.CONFIRMED).annotate(
        completed_at=Subquery(completed_at)).aggregate(
        all=Sum(value), today=Sum(value, filter=Q(completed_at__gte=day_start)),
        month=Sum(value, filter=Q(completed_at__gte=month_start)))
    fees = Booking.objects.filter(status=S.CANCELLED).aggregate(
        all=Sum("cancellation_fee"), today=Sum("cancellation_fee", filter=Q(cancelled_at__gte=day_start)),
        month=Sum("cancellation_fee", filter=Q(cancelled_at__gte=month_start)))
    revenue = {period: money.rupees((work[period] or Decimal("0")) + (fees[period] or Decimal("0")))
               for period in ("all", "today", "month")}
    reminders = reminder_figures()
    return DashboardSummary(counts=counts, pickups_today=day["pickups"], drops_today=day["drops"],
                            revenue=revenue["all"], revenue_today=revenue["today"], revenue_month=revenue["month"],
                            reminders_sent=reminders.sent, reminders_booked=reminders.led_to_bookings)
