"""The work's reads: the kinds of assignment, a mechanic's bookings, the analysis with its findings, and
the photos of reports and handovers."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import User
from bookings.models import Booking
from bookings.selectors.access import booking_detail_rows, booking_visible_to
from revcare.roles import RoleName
from workshop.models import (
    Analysis,
    AnalysisImage,
    Assignment,
    AssignmentType,
    CustodyPhoto,
    CustodyRecord,
    Finding,
    FindingImage,
    FindingSeverity,
    Progress,
    ProgressImage,
)


def assigned_to_mechanic(mechanic: User) -> Q:
    """The bookings a mechanic sees: those they were ever assigned to (bookings.selectors.access.VISIBLE_TO_ROLE)."""
    return Q(Exists(Assignment.objects.filter(booking=OuterRef("pk"), mechanic=mechanic)))


def with_pending_work(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Flags the dashboard and lists need, as subqueries so a page costs the same whatever it holds."""
    return bookings.annotate(
        has_open_assignment=Exists(Assignment.objects.filter(booking=OuterRef("pk"), closed_at__isnull=True)),
        has_unvalidated_progress=Exists(Progress.objects.filter(booking=OuterRef("pk"), validated_at__isnull=True)),
        has_unvalidated_analysis=Exists(Analysis.objects.filter(booking=OuterRef("pk"), validated_at__isnull=True)),
    )


def booking_detail(*, user: User, booking_id: int) -> Booking | None:
    """A booking whole, if the user may see it: its lines and timeline, its assignments, progress reports
    and handovers, and the flags of work pending."""
    return (
        with_pending_work(booking_detail_rows(user=user, booking_id=booking_id))
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("mechanic", "assignment_type")),
            Prefetch("progress_entries", queryset=Progress.objects.select_related("mechanic").prefetch_related(
                "completed_services__service", "images")),
            Prefetch("custody_records", queryset=CustodyRecord.objects.select_related("recorded_by").prefetch_related(
                "photos")),
        )
        .first()
    )


def assignment_type_list() -> QuerySet[AssignmentType]:
    return AssignmentType.objects.all()


def booking_assigned_to(*, mechanic: User, booking_id: int) -> Booking | None:
    if mechanic.role_id != RoleName.MECHANIC:
        return None
    return booking_visible_to(user=mechanic).filter(pk=booking_id).first()


def finding_detail(*, finding_id: int, mechanic: User) -> Finding | None:
    """A finding of an analysis the mechanic submitted."""
    return (Finding.objects.filter(pk=finding_id, analysis__mechanic=mechanic).select_related("line__service")
            .prefetch_related("images").first())


PHOTO_KINDS = ("analysis", "custody", "finding", "progress")


def photo_visible_to(*, user: User, kind: str, image_id: int):
    """An analysis, finding, progress or handover photo, if the user may see its booking."""
    if kind not in PHOTO_KINDS:
        return None
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
