"""The mechanic's tablet: their assignments, one job, the report awaiting validation, a handover."""


from django.db.models import F, Prefetch, QuerySet

from accounts.models import User
from bookings.models import BookedService, Booking, BookingStatus
from bookings.selectors.access import booking_places
from workshop.models import Assignment, CustodyRecord, Progress

S = BookingStatus


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
    ).prefetch_related(*booking_places("booking__")).order_by(
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


def custody_record_of(*, booking: Booking, stage: str) -> CustodyRecord | None:
    return CustodyRecord.objects.filter(booking=booking, stage=stage).prefetch_related("photos").first()
