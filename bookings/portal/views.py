"""A customer's bookings in the browser, over the same selectors as the API."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from accounts.models import RoleName
from accounts.portal.views import role_required
from bookings import selectors
from bookings.lifecycle import condensed_status
from bookings.models import BookingStatus


@role_required(RoleName.CUSTOMER)
def my_bookings(request):
    shown = request.GET.get("status") or None
    if shown not in {condensed_status(status) for status in BookingStatus.values}:
        shown = None
    bookings = selectors.customer_booking_list(customer=request.user, shown_status=shown)
    page = Paginator(bookings, 20).get_page(request.GET.get("page"))
    for booking in page:
        booking.shown_status = BookingStatus(condensed_status(booking.status)).label
    return render(request, "bookings/my_bookings.html", {"page": page, "shown": shown})


def _own_booking(request, booking_id: int):
    booking = selectors.booking_detail(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404  # someone else's booking is as absent as one that never existed
    booking.shown_status = BookingStatus(condensed_status(booking.status)).label
    for event in booking.events.all():
        event.shown = BookingStatus(condensed_status(event.to_status)).label
    return booking


@role_required(RoleName.CUSTOMER)
def booking_page(request, booking_id: int):
    booking = _own_booking(request, booking_id)
    return render(request, "bookings/booking.html", {
        "booking": booking, "totals": selectors.booking_totals(booking),
        "analysis": selectors.booking_analysis(booking)})


@role_required(RoleName.CUSTOMER)
def booking_timeline(request, booking_id: int):
    """HTMX: the timeline alone, polled by the booking page so it updates itself."""
    return render(request, "bookings/_timeline.html", {"booking": _own_booking(request, booking_id)})
