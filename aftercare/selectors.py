"""Work left for later, reminders about it, and a car's whole history."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import User
from aftercare.models import DeferredItem, DeferredReminder, DeferredStatus
from bookings.models import Booking, BookingStatus
from bookings.selectors.access import booking_visible_to, lines_with_decisions
from garage.models import CustomerCar
from revcare.roles import RoleName
from workshop.models import CustodyRecord, Finding

S = BookingStatus


# Deferred work and the car's history ---------------------------------------------------------------


def cars_visible_to(*, user: User):
    """Cars whose history the user may read: admins all, customers their own, mechanics the cars of
    bookings they were assigned to."""
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
