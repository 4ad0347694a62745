"""Mechanic efficiency: estimated against actual hours, with the formula shown."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from bookings.models import AssignmentKind, BookedService, BookingStatus
from workshop.models import Progress

S = BookingStatus


# Mechanic efficiency -----------------------------------------------------------------------------

EFFICIENCY_FORMULA = (
    "Estimated hours = the service's time (hours) × quantity. Actual hours come from the progress "
    "timestamps: each validated progress report of a service assignment covers the time since the "
    "assignment's previous report (or since it was assigned), shared among the services it completed in "
    "proportion to their estimated hours. Efficiency = Σ estimated hours ÷ Σ actual hours × 100 % "
    "(over 100 %: faster than the book time).")


# Reports are dated inside these years; anything outside is a typo or a probe, not a period to total.
EFFICIENCY_EARLIEST = date(2000, 1, 1)
EFFICIENCY_LATEST = date(2100, 12, 31)


@dataclass
class EfficiencyRow:
    name: str
    lines: int = 0
    estimated: Decimal = Decimal("0")
    actual: Decimal = Decimal("0")
    key: int | None = None  # the mechanic's (or service's) id: names are not unique

    @property
    def efficiency(self) -> Decimal | None:
        if self.efficiency_reason:
            return None
        return (self.estimated / self.actual * 100).quantize(Decimal("1"))

    @property
    def efficiency_reason(self) -> str | None:
        """Why there is no percentage: a few minutes of recorded work would give absurd figures."""
        minimum = settings.EFFICIENCY_MIN_ACTUAL_HOURS
        if self.actual >= minimum and self.actual > 0:
            return None
        return (f"Not enough data: {self.actual:.2f} h of actual work recorded, a percentage needs at least "
                f"{minimum:g} h.")


@dataclass(frozen=True)
class Efficiency:
    formula: str
    mechanics: list[EfficiencyRow]
    services: list[EfficiencyRow]


def efficiency_period_check(*, date_from: date, date_to: date) -> None:
    """Refuse a period outside the years reports can have or longer than EFFICIENCY_MAX_PERIOD_DAYS."""
    errors: dict[str, list[str]] = {}
    for field, day in (("date_from", date_from), ("date_to", date_to)):
        if not EFFICIENCY_EARLIEST <= day <= EFFICIENCY_LATEST:
            errors[field] = [f"Choose a date between {EFFICIENCY_EARLIEST:%d %b %Y} and {EFFICIENCY_LATEST:%d %b %Y}."]
    longest = settings.EFFICIENCY_MAX_PERIOD_DAYS
    if "date_to" not in errors and date_to < date_from:
        errors["date_to"] = ["Must not be before date_from."]
    elif not errors and (date_to - date_from).days + 1 > longest:
        errors["date_to"] = [f"Choose a period of at most {longest} days."]
    if errors:
        raise ValidationError(errors)


def mechanic_efficiency(*, date_from: date, date_to: date) -> Efficiency:
    """Estimated against actual hours per mechanic and per service, for service work validated between
    the two dates (the report's date). Three queries whatever the period holds."""
    efficiency_period_check(date_from=date_from, date_to=date_to)
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
    reports = list(
        Progress.objects.filter(assignment__assignment_type__kind=AssignmentKind.SERVICE, validated_at__isnull=False,
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
        person = mechanics.setdefault(report.mechanic_id, EfficiencyRow(report.mechanic.get_full_name(),
                                                                           key=report.mechanic_id))
        for line in lines:
            share = elapsed * estimates[line.pk] / total_estimate if total_estimate else elapsed / len(lines)
            service = services.setdefault(line.service_id, EfficiencyRow(line.service.title, key=line.service_id))
            for row in (person, service):
                row.lines += 1
                row.estimated += estimates[line.pk]
                row.actual += share
    formula = (f"{EFFICIENCY_FORMULA} Under {settings.EFFICIENCY_MIN_ACTUAL_HOURS:g} h of actual work there is "
               "not enough data for a percentage.")
    return Efficiency(formula=formula, mechanics=sorted(mechanics.values(), key=lambda r: r.name),
                      services=sorted(services.values(), key=lambda r: r.name))
