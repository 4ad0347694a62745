"""Mechanic efficiency: estimated against actual hours, with the formula shown."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from bookings.models import (
    BookedService,
    BookingStatus,
    Progress,
)

S = BookingStatus


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
