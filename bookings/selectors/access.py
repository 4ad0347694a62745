"""Who sees which booking; the lists and the detail; and the reads other apps ask for."""

from collections.abc import Callable
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import User
from bookings.lifecycle import statuses_shown_as
from bookings.models import BookedService, Booking, BookingEvent, BookingStatus, LineDecision
from revcare.roles import RoleName

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




# Who sees which booking ----------------------------------------------------------------------------


# Who else sees bookings, and which: a role → the condition on bookings for one of its users. Filled in by
# the apps that give the role its bookings, in their AppConfig.ready (workshop: a mechanic's assignments).
VISIBLE_TO_ROLE: dict[str, Callable[[User], Q]] = {}


def booking_visible_to(*, user: User) -> QuerySet[Booking]:
    """Admins see every booking, customers their own, others what VISIBLE_TO_ROLE gives their role
    (mechanics: those they were ever assigned to)."""
    bookings = Booking.objects.all()
    role = getattr(user, "role_id", None)
    if role == RoleName.ADMIN:
        return bookings
    if role == RoleName.CUSTOMER:
        return bookings.filter(customer=user)
    if role in VISIBLE_TO_ROLE:
        return bookings.filter(VISIBLE_TO_ROLE[role](user))
    return bookings.none()


def booking_places(path: str = "") -> list:
    """A booking's timeslots, fetched beside the main query instead of joined into it: with a dozen tables
    joined, PostgreSQL spent longer planning the query (≈ 20 ms) than running it (≈ 4 ms). Its addresses
    need no query: the booking keeps their text as it was when booked."""
    return [f"{path}pickup_timeslot", f"{path}drop_timeslot"]


def list_rows(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related("customer", "car__car_model__manufacturer").prefetch_related(
        *booking_places(),
        Prefetch("services", queryset=BookedService.objects.select_related("service")))


def customer_booking_list(*, customer: User, shown_status: str | None = None) -> QuerySet[Booking]:
    bookings = booking_visible_to(user=customer)
    if shown_status:
        bookings = bookings.filter(status__in=statuses_shown_as(shown_status))
    return list_rows(bookings).order_by("-created_at", "-id")


def booking_detail_rows(*, user: User, booking_id: int) -> QuerySet[Booking]:
    """The booking, if the user may see it, with its lines (and their consent trail) and its timeline;
    the apps above add the rest they show (workshop.selectors.work.booking_detail)."""
    return (
        booking_visible_to(user=user).filter(pk=booking_id)
        .select_related("customer", "car__car_model__manufacturer", "car__car_model__car_class")
        .prefetch_related(
            *booking_places(),
            lines_with_decisions(),
            Prefetch("events", queryset=BookingEvent.objects.select_related("actor")),
        )
    )


def lines_with_decisions() -> Prefetch:
    """A booking's lines, each with its service and its consent trail."""
    return Prefetch("services", queryset=BookedService.objects.select_related("service").prefetch_related(
        Prefetch("decisions", queryset=LineDecision.objects.select_related("actor"))))


def booking_detail_for_invoice(*, booking_id: int) -> Booking:
    return Booking.objects.select_related("customer", "car").prefetch_related(lines_with_decisions()).get(pk=booking_id)


def line_approval(row: BookedService) -> LineDecision | None:
    """The decision the line's work rests on: its latest, when that is an approval."""
    decisions = list(row.decisions.all())
    return decisions[-1] if decisions and decisions[-1].approved else None
