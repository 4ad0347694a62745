"""Who sees which booking; the lists, the detail, photos and findings; and the reads other apps ask for."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from accounts.models import RoleName, User
from bookings.lifecycle import statuses_shown_as
from bookings.models import BookedService, Booking, BookingEvent, BookingStatus, LineDecision
from workshop.models import Analysis, Assignment, AssignmentType, CustodyRecord, Finding, FindingSeverity, Progress

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


def booking_places(path: str = "") -> list:
    """A booking's timeslots, fetched beside the main query instead of joined into it: with a dozen tables
    joined, PostgreSQL spent longer planning the query (≈ 20 ms) than running it (≈ 4 ms). Its addresses
    need no query: the booking keeps their text as it was when booked."""
    return [f"{path}pickup_timeslot", f"{path}drop_timeslot"]


def list_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return _with_pending_work(bookings).select_related("customer", "car__car_model__manufacturer").prefetch_related(
        *booking_places(),
        Prefetch("services", queryset=BookedService.objects.select_related("service")))


def customer_booking_list(*, customer: User, shown_status: str | None = None) -> QuerySet[Booking]:
    bookings = booking_visible_to(user=customer)
    if shown_status:
        bookings = bookings.filter(status__in=statuses_shown_as(shown_status))
    return list_rows(bookings).order_by("-created_at", "-id")


def booking_detail(*, user: User, booking_id: int) -> Booking | None:
    return (
        _with_pending_work(booking_visible_to(user=user).filter(pk=booking_id))
        .select_related("customer", "car__car_model__manufacturer", "car__car_model__car_class")
        .prefetch_related(
            *booking_places(),
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
    """An analysis, finding, progress or handover photo, if the user may see its booking."""
    if kind not in PHOTO_KINDS:
        return None
    from workshop.models import AnalysisImage, CustodyPhoto, FindingImage, ProgressImage

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


def findings_by_severity(analysis: Analysis | None) -> list[tuple[str, list[Finding]]]:
    """[(severity label, findings)], most urgent first, empty groups left out."""
    if analysis is None:
        return []
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(analysis.findings.all(), key=lambda f: (FindingSeverity.rank(f.severity), f.pk)):
        groups.setdefault(finding.get_severity_display(), []).append(finding)
    return list(groups.items())


def lines_with_decisions() -> Prefetch:
    """A booking's lines, each with its service and its consent trail."""
    return Prefetch("services", queryset=BookedService.objects.select_related("service").prefetch_related(
        Prefetch("decisions", queryset=LineDecision.objects.select_related("actor"))))
