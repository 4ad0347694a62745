"""Every read of bookings, scoped to who is asking, with the joins done here."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import RoleName, User
from bookings import money
from bookings.lifecycle import statuses_shown_as
from bookings.models import (
    Analysis,
    Assignment,
    AssignmentType,
    BookedService,
    BookedServiceStatus,
    Booking,
    BookingEvent,
    BookingStatus,
    CustodyRecord,
    DeferredItem,
    DeferredReminder,
    DeferredStatus,
    Finding,
    FindingSeverity,
    LineDecision,
    Progress,
)
from garage.selectors import addresses_with_area, gst_percent_current

S = BookingStatus
FINISHED = (S.COMPLETED, S.OUT_FOR_DELIVERY, S.DELIVERED)


# Reads other apps ask for -------------------------------------------------------------------------


def pickups_per_timeslot(*, on: date) -> dict[int, int]:
    """Bookings holding each pickup slot on a day (cancelled ones gave theirs back)."""
    rows = (
        Booking.objects.filter(pickup_date=on)
        .exclude(status=S.CANCELLED)
        .values("pickup_timeslot")
        .annotate(held=Count("id"))
    )
    return {row["pickup_timeslot"]: row["held"] for row in rows}


def customer_has_completed_service(*, customer_id: int, service_id: int) -> bool:
    """Whether the customer had this service done in a booking that reached completion."""
    return BookedService.objects.filter(
        booking__customer_id=customer_id, booking__status__in=FINISHED, service_id=service_id, is_done=True
    ).exists()


def service_is_booked(*, service_id: int) -> bool:
    return BookedService.objects.filter(service_id=service_id).exists()


def assignment_type_list() -> QuerySet[AssignmentType]:
    return AssignmentType.objects.all()


# Who sees which booking ----------------------------------------------------------------------------


def booking_visible_to(*, user: User) -> QuerySet[Booking]:
    """Admins see every booking, customers their own, mechanics those they were ever assigned to."""
    bookings = Booking.objects.all()
    role = getattr(user, "role_id", None)
    if role == RoleName.ADMIN:
        return bookings
    if role == RoleName.CUSTOMER:
        return bookings.filter(customer=user)
    if role == RoleName.MECHANIC:
        return bookings.filter(Exists(Assignment.objects.filter(booking=OuterRef("pk"), mechanic=user)))
    return bookings.none()


def booking_assigned_to(*, mechanic: User, booking_id: int) -> Booking | None:
    return booking_visible_to(user=mechanic).filter(pk=booking_id).first() if mechanic.role_id == "mechanic" else None


def _with_pending_work(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Flags the dashboard and lists need, as subqueries so a page costs the same whatever it holds."""
    return bookings.annotate(
        has_open_assignment=Exists(Assignment.objects.filter(booking=OuterRef("pk"), closed_at__isnull=True)),
        has_unvalidated_progress=Exists(Progress.objects.filter(booking=OuterRef("pk"), validated_at__isnull=True)),
        has_unvalidated_analysis=Exists(Analysis.objects.filter(booking=OuterRef("pk"), validated_at__isnull=True)),
    )


def _booking_places(path: str = "", *, addresses: bool = True) -> list:
    """A booking's timeslots and addresses, fetched beside the main query instead of joined into it: with
    a dozen tables joined, PostgreSQL spent longer planning the query (≈ 20 ms) than running it (≈ 4 ms)."""
    places = [f"{path}pickup_timeslot", f"{path}drop_timeslot"]
    if addresses:
        places += [Prefetch(f"{path}pickup_address", queryset=addresses_with_area()),
                   Prefetch(f"{path}drop_address", queryset=addresses_with_area())]
    return places


def _list_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return _with_pending_work(bookings).select_related("customer", "car__car_model__manufacturer").prefetch_related(
        *_booking_places(addresses=False),
        Prefetch("services", queryset=BookedService.objects.select_related("service")))


def customer_booking_list(*, customer: User, shown_status: str | None = None) -> QuerySet[Booking]:
    bookings = booking_visible_to(user=customer)
    if shown_status:
        bookings = bookings.filter(status__in=statuses_shown_as(shown_status))
    return _list_rows(bookings).order_by("-created_at", "-id")


def booking_detail(*, user: User, booking_id: int) -> Booking | None:
    return (
        _with_pending_work(booking_visible_to(user=user).filter(pk=booking_id))
        .select_related("customer", "car__car_model__manufacturer", "car__car_model__car_class")
        .prefetch_related(
            *_booking_places(),
            lines_with_decisions(),
            Prefetch("events", queryset=BookingEvent.objects.select_related("actor")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("mechanic", "assignment_type")),
            Prefetch("progress_entries", queryset=Progress.objects.select_related("mechanic").prefetch_related(
                "completed_services__service", "images")),
            Prefetch("custody_records", queryset=CustodyRecord.objects.select_related("recorded_by").prefetch_related(
                "photos")),
        )
        .first()
    )


def finding_detail(*, finding_id: int, mechanic: User) -> Finding | None:
    """A finding of an analysis the mechanic submitted."""
    return (Finding.objects.filter(pk=finding_id, analysis__mechanic=mechanic).select_related("line__service")
            .prefetch_related("images").first())


PHOTO_KINDS = ("analysis", "custody", "finding", "progress")


def photo_visible_to(*, user: User, kind: str, image_id: int):
    """An analysis, finding or progress photo, if the user may see its booking."""
    if kind not in PHOTO_KINDS:
        return None
    from bookings.models import AnalysisImage, CustodyPhoto, FindingImage, ProgressImage

    model, booking_path = {"analysis": (AnalysisImage, "analysis__booking__in"),
                           "progress": (ProgressImage, "progress__booking__in"),
                           "finding": (FindingImage, "finding__analysis__booking__in"),
                           "custody": (CustodyPhoto, "record__booking__in")}[kind]
    return model.objects.filter(pk=image_id, **{booking_path: booking_visible_to(user=user)}).first()


def booking_analysis(booking: Booking) -> Analysis | None:
    """The analysis with its photos and findings (each with its photos and the quoted line that fixes it)."""
    findings = Finding.objects.select_related("line__service").prefetch_related("images")
    return (Analysis.objects.filter(booking=booking).select_related("mechanic")
            .prefetch_related("images", Prefetch("findings", queryset=findings)).first())


SEVERITY_ORDER = {FindingSeverity.URGENT: 0, FindingSeverity.SOON: 1, FindingSeverity.FINE: 2}


def findings_by_severity(analysis: Analysis | None) -> list[tuple[str, list[Finding]]]:
    """[(severity label, findings)], most urgent first, empty groups left out."""
    if analysis is None:
        return []
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(analysis.findings.all(), key=lambda f: (SEVERITY_ORDER[f.severity], f.pk)):
        groups.setdefault(finding.get_severity_display(), []).append(finding)
    return list(groups.items())


def lines_with_decisions() -> Prefetch:
    """A booking's lines, each with its service and its consent trail."""
    return Prefetch("services", queryset=BookedService.objects.select_related("service").prefetch_related(
        Prefetch("decisions", queryset=LineDecision.objects.select_related("actor"))))


# Money -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingTotals:
    subtotal: Decimal
    gst_percent: Decimal
    gst: Decimal

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.gst


def booked_service_price(row: BookedService) -> Decimal:
    return row.quoted_price if row.quoted_price is not None else row.estimated_price


def booking_totals(booking: Booking) -> BookingTotals:
    """What the booking costs now: confirmed services once confirmed, otherwise what was asked for
    (quoted where quoted, estimated before that). GST at the booking's rate, or today's until fixed."""
    rows = [row for row in booking.services.all()
            if row.status == BookedServiceStatus.CONFIRMED
            or (row.status == BookedServiceStatus.BOOKED and not row.is_recommended and booking.confirmed_at is None)]
    subtotal = sum((money.line_total(booked_service_price(row), row.quantity) for row in rows), Decimal("0.00"))
    percent = booking.gst_percent if booking.gst_percent is not None else gst_percent_current()
    return BookingTotals(subtotal=money.rupees(subtotal), gst_percent=percent, gst=money.gst_on(subtotal, percent))


def selection_totals(booking: Booking, service_ids) -> BookingTotals:
    """What confirming these quoted services costs, at today's GST rate: the figure the customer sees
    while choosing and the amount an online payment is opened for."""
    chosen = set(service_ids)
    rows = [row for row in booking.services.all() if row.service_id in chosen]
    subtotal = sum((money.line_total(booked_service_price(row), row.quantity) for row in rows), Decimal("0.00"))
    percent = gst_percent_current()
    return BookingTotals(subtotal=money.rupees(subtotal), gst_percent=percent, gst=money.gst_on(subtotal, percent))


@dataclass(frozen=True)
class Estimate:
    """A price and time estimate before booking, from the car's class prices."""

    lines: list  # [(Service, price)]
    totals: BookingTotals
    hours: float

    @property
    def working_days(self) -> int:
        return math.ceil(self.hours / settings.WORKING_HOURS_PER_DAY) if self.hours else 0


def booking_estimate(*, car, services) -> Estimate:
    """Lines are (service, price); the price is None for a service not offered for this car's class."""
    from catalogue.selectors import prices_for_class

    prices = prices_for_class(services=services, car_class=car.car_model.car_class)
    lines = [(service, prices.get(service.pk)) for service in services]
    subtotal = money.rupees(sum((price for _, price in lines if price is not None), Decimal("0.00")))
    percent = gst_percent_current()
    return Estimate(lines=lines, hours=sum(float(service.time_hours) for service in services),
                    totals=BookingTotals(subtotal=subtotal, gst_percent=percent, gst=money.gst_on(subtotal, percent)))


# The admin desk ----------------------------------------------------------------------------------


def action_required(booking: Booking) -> str:
    """What the garage must do next: assign, validate, waiting (on a mechanic or the customer), none."""
    if booking.has_unvalidated_progress or booking.has_unvalidated_analysis:
        return "validate"
    if booking.has_open_assignment:
        return "waiting"
    status, doorstep = booking.status, booking.pickup_type == "doorstep"
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
    return _list_rows(bookings).order_by("pickup_date", "pickup_timeslot__start_time", "id")


def desk_action_queue(*, limit: int = 50) -> list[Booking]:
    """Bookings the garage must act on now (assign someone, or validate a report), soonest first."""
    open_bookings = _list_rows(Booking.objects.exclude(status=S.DELIVERED)).order_by(
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
    active = _list_rows(Booking.objects.exclude(status=S.CANCELLED))
    return (active.filter(pickup_date=on).order_by("pickup_timeslot__start_time", "id"),
            active.filter(drop_date=on).order_by("drop_timeslot__start_time", "id"))


@dataclass(frozen=True)
class DashboardSummary:
    counts: dict[str, int]
    pickups_today: int
    drops_today: int
    revenue: Decimal
    reminders_sent: int
    reminders_booked: int


DASHBOARD_SUMMARY_KEY = "bookings:dashboard-summary"


def dashboard_summary() -> DashboardSummary:
    """The desk's headline figures, from the cache: recomputing them scans every booking (about
    150 ms at 100,000 bookings), and they only change when a booking's timeline does, which clears
    the cache (bookings.lifecycle.booking_event_record). The day rolls over within a minute."""
    from django.core.cache import cache

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
    bookings whose work is finished, plus cancellation fees — three queries."""
    counts = dict.fromkeys(S.values, 0)
    counts.update({row["status"]: row["n"] for row in Booking.objects.values("status").annotate(n=Count("id"))})
    today = timezone.localdate()
    active = ~Q(status=S.CANCELLED)
    day = Booking.objects.filter(active).aggregate(
        pickups=Count("id", filter=Q(pickup_date=today)), drops=Count("id", filter=Q(drop_date=today)))
    work = BookedService.objects.filter(booking__status__in=FINISHED, status=BookedServiceStatus.CONFIRMED).aggregate(
        value=Sum(F("quoted_price") * F("quantity")))["value"] or Decimal("0")
    fees = Booking.objects.filter(status=S.CANCELLED).aggregate(value=Sum("cancellation_fee"))["value"] or Decimal("0")
    reminders = reminder_figures()
    return DashboardSummary(counts=counts, pickups_today=day["pickups"], drops_today=day["drops"],
                            revenue=money.rupees(work + fees), reminders_sent=reminders.sent,
                            reminders_booked=reminders.led_to_bookings)


def mechanic_suggestions(*, assignment_type: AssignmentType) -> QuerySet[User]:
    """Qualified active mechanics, least loaded first, then highest score."""
    mechanics = User.objects.filter(role_id=RoleName.MECHANIC, is_active=True).select_related("mechanic_profile")
    if assignment_type.needs_pickup_drop:
        mechanics = mechanics.filter(mechanic_profile__can_pickup_drop=True)
    if assignment_type.needs_analysis:
        mechanics = mechanics.filter(mechanic_profile__can_analyse=True)
    return mechanics.annotate(
        open_assignments=Count("assignments", filter=Q(assignments__closed_at__isnull=True))
    ).order_by("open_assignments", "-mechanic_profile__score", "public_id")


# The mechanic's tablet -------------------------------------------------------------------------------


def mechanic_assignment_list(*, mechanic: User, is_open: bool | None = None) -> QuerySet[Assignment]:
    """A mechanic's own assignments, open ones first, soonest pickup first."""
    assignments = Assignment.objects.filter(mechanic=mechanic)
    if is_open is True:
        assignments = assignments.filter(closed_at__isnull=True)
    elif is_open is False:
        assignments = assignments.filter(closed_at__isnull=False)
    return assignments.select_related(
        "assignment_type", "booking__customer", "booking__car__car_model__manufacturer",
    ).prefetch_related(*_booking_places("booking__")).order_by(
        F("closed_at").desc(nulls_first=True), "booking__pickup_date", "id")


def mechanic_job(*, mechanic: User, assignment_id: int) -> Assignment | None:
    """One of the mechanic's own assignments, with its booking's details for the job page."""
    return (mechanic_assignment_list(mechanic=mechanic).filter(pk=assignment_id)
            .prefetch_related(Prefetch("booking__services", queryset=BookedService.objects.select_related("service")))
            .first())


def report_awaiting_validation(*, mechanic: User, booking: Booking) -> Progress | None:
    """The mechanic's latest report on this booking, while an admin has yet to validate it (nothing
    more can be reported until then)."""
    latest = Progress.objects.filter(booking=booking, mechanic=mechanic).order_by("-id").first()
    return latest if latest is not None and latest.validated_at is None else None


def booking_detail_for_invoice(*, booking_id: int) -> Booking:
    return Booking.objects.select_related("customer", "car").prefetch_related(lines_with_decisions()).get(pk=booking_id)


def line_approval(row: BookedService) -> LineDecision | None:
    """The decision the line's work rests on: its latest, when that is an approval."""
    decisions = list(row.decisions.all())
    return decisions[-1] if decisions and decisions[-1].approved else None


# Deferred work and the car's history ---------------------------------------------------------------


def cars_visible_to(*, user: User):
    """Cars whose history the user may read: admins all, customers their own, mechanics the cars of
    bookings they were assigned to."""
    from garage.models import CustomerCar

    role = getattr(user, "role_id", None)
    if role == RoleName.ADMIN:
        return CustomerCar.objects.all()
    if role == RoleName.CUSTOMER:
        return CustomerCar.objects.filter(customer=user)
    if role == RoleName.MECHANIC:
        return CustomerCar.objects.filter(bookings__in=booking_visible_to(user=user)).distinct()
    return CustomerCar.objects.none()


def deferred_items_visible_to(*, user: User, car_id: int | None = None,
                              status: str | None = DeferredStatus.OPEN) -> QuerySet[DeferredItem]:
    items = DeferredItem.objects.filter(car__in=cars_visible_to(user=user)).select_related(
        "car", "service", "finding", "booked_in")
    if car_id is not None:
        items = items.filter(car_id=car_id)
    return items.filter(status=status) if status else items


def reminder_for(*, customer: User, token: str) -> DeferredReminder | None:
    return (DeferredReminder.objects.filter(token=token, item__car__customer=customer)
            .select_related("item__service", "item__car").first())


@dataclass(frozen=True)
class ReminderFigures:
    sent: int
    led_to_bookings: int


def reminder_figures() -> ReminderFigures:
    """How many deferred-work reminders went out, and how many of them led to a booking."""
    figures = DeferredReminder.objects.aggregate(sent=Count("id"), booked=Count("id", filter=Q(booking__isnull=False)))
    return ReminderFigures(sent=figures["sent"], led_to_bookings=figures["booked"])


@dataclass(frozen=True)
class CarHistory:
    car: object
    bookings: list[Booking]
    deferred: list[DeferredItem]
    readings: list[CustodyRecord]  # odometer readings from the doorstep handovers, newest first


def car_history(*, user: User, car_id: int) -> CarHistory | None:
    """Everything RevCare knows of one car, newest first: each booking with its services (and the
    decisions on them), findings and invoice; and the work left for later."""
    from garage.models import CustomerCar

    car = (CustomerCar.objects.filter(pk=car_id, pk__in=cars_visible_to(user=user).values("pk"))
           .select_related("car_model__manufacturer", "customer").first())
    if car is None:
        return None
    findings = Finding.objects.select_related("line__service").prefetch_related("images")
    bookings = list(
        booking_visible_to(user=user).filter(car=car).select_related("invoice").prefetch_related(
            lines_with_decisions(), Prefetch("analysis__findings", queryset=findings))
        .order_by("-pickup_date", "-id"))
    for booking in bookings:
        analysis = getattr(booking, "analysis", None)
        booking.finding_list = list(analysis.findings.all()) if analysis else []
    readings = CustodyRecord.objects.filter(booking__in=[b.pk for b in bookings]).order_by("-recorded_at", "-id")
    return CarHistory(car=car, bookings=bookings,
                      deferred=list(deferred_items_visible_to(user=user, car_id=car.pk, status=None)),
                      readings=list(readings))


# Mechanic efficiency -----------------------------------------------------------------------------

EFFICIENCY_FORMULA = (
    "Estimated hours = the service's time (hours) × quantity. Actual hours come from the progress "
    "timestamps: each validated progress report of a service assignment covers the time since the "
    "assignment's previous report (or since it was assigned), shared among the services it completed in "
    "proportion to their estimated hours. Efficiency = Σ estimated hours ÷ Σ actual hours × 100 % "
    "(over 100 %: faster than the book time).")


@dataclass
class EfficiencyRow:
    name: str
    lines: int = 0
    estimated: Decimal = Decimal("0")
    actual: Decimal = Decimal("0")

    @property
    def efficiency(self) -> Decimal | None:
        if not self.actual:
            return None
        return (self.estimated / self.actual * 100).quantize(Decimal("1"))


@dataclass(frozen=True)
class Efficiency:
    formula: str
    mechanics: list[EfficiencyRow]
    services: list[EfficiencyRow]


def mechanic_efficiency(*, date_from: date, date_to: date) -> Efficiency:
    """Estimated against actual hours per mechanic and per service, for service work validated between
    the two dates (the report's date). Three queries whatever the period holds."""
    from datetime import datetime, time, timedelta

    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
    reports = list(
        Progress.objects.filter(assignment__assignment_type__code="service", validated_at__isnull=False,
                                created_at__gte=start, created_at__lt=end)
        .select_related("assignment", "mechanic")
        .prefetch_related(Prefetch("completed_services", queryset=BookedService.objects.select_related("service")))
        .order_by("created_at", "id"))
    earlier = {}  # each report's predecessor in its assignment (which may lie before the period)
    siblings = Progress.objects.filter(assignment_id__in={r.assignment_id for r in reports}).order_by(
        "created_at", "id")
    previous_at: dict[int, object] = {}
    for entry in siblings.values("id", "assignment_id", "created_at"):
        earlier[entry["id"]] = previous_at.get(entry["assignment_id"])
        previous_at[entry["assignment_id"]] = entry["created_at"]
    mechanics: dict[int, EfficiencyRow] = {}
    services: dict[int, EfficiencyRow] = {}
    for report in reports:
        lines = list(report.completed_services.all())
        if not lines:
            continue
        began = earlier.get(report.pk) or report.assignment.assigned_at
        elapsed = Decimal((report.created_at - began).total_seconds()) / 3600
        estimates = {line.pk: line.service.time_hours * line.quantity for line in lines}
        total_estimate = sum(estimates.values())
        person = mechanics.setdefault(report.mechanic_id, EfficiencyRow(report.mechanic.get_full_name()))
        for line in lines:
            share = elapsed * estimates[line.pk] / total_estimate if total_estimate else elapsed / len(lines)
            service = services.setdefault(line.service_id, EfficiencyRow(line.service.title))
            for row in (person, service):
                row.lines += 1
                row.estimated += estimates[line.pk]
                row.actual += share
    return Efficiency(formula=EFFICIENCY_FORMULA, mechanics=sorted(mechanics.values(), key=lambda r: r.name),
                      services=sorted(services.values(), key=lambda r: r.name))


def custody_record_of(*, booking: Booking, stage: str) -> CustodyRecord | None:
    return CustodyRecord.objects.filter(booking=booking, stage=stage).prefetch_related("photos").first()
