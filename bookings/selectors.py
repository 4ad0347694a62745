"""Reads of bookings that other apps ask for."""

from datetime import date

from django.db.models import Count

from bookings.models import AssignmentType, BookedService, Booking, BookingStatus


def pickups_per_timeslot(*, on: date) -> dict[int, int]:
    """Bookings holding each pickup slot on a day (cancelled ones gave theirs back)."""
    rows = (
        Booking.objects.filter(pickup_date=on)
        .exclude(status=BookingStatus.CANCELLED)
        .values("pickup_timeslot")
        .annotate(held=Count("id"))
    )
    return {row["pickup_timeslot"]: row["held"] for row in rows}


def customer_has_completed_service(*, customer_id: int, service_id: int) -> bool:
    """Whether the customer had this service done in a booking that reached completion."""
    finished = (BookingStatus.COMPLETED, BookingStatus.OUT_FOR_DELIVERY, BookingStatus.DELIVERED)
    return BookedService.objects.filter(
        booking__customer_id=customer_id, booking__status__in=finished, service_id=service_id, is_done=True
    ).exists()


def service_is_booked(*, service_id: int) -> bool:
    return BookedService.objects.filter(service_id=service_id).exists()


def assignment_type_list():
    return AssignmentType.objects.all()
