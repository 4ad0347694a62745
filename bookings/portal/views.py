"""A customer's bookings in the browser (the wizard and the list), over the same services and selectors as
the API. The page of one booking, seen whole, is frontdesk's (frontdesk/customer.py)."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from bookings.lifecycle import condensed_status
from bookings.models import BookingStatus
from bookings.portal.forms import BookingForm
from bookings.selectors.access import customer_booking_list
from bookings.selectors.availability import timeslot_availability
from bookings.selectors.totals import booking_estimate
from bookings.services.creation import booking_create
from catalogue.selectors import cart_list
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required, row_id
from revcare.roles import RoleName

# The deferred-work reminder a customer followed (aftercare.portal.views.reminder_link): the next booking is
# credited to it.
REMINDER_SESSION_KEY = "deferred_reminder"

customer_only = role_required(RoleName.CUSTOMER)


@customer_only
def my_bookings(request):
    shown = request.GET.get("status") or None
    choices = [(status, BookingStatus(status).label) for status in BookingStatus.values
               if condensed_status(status) == status]
    if shown not in dict(choices):
        shown = None
    bookings = customer_booking_list(customer=request.user, shown_status=shown)
    page = Paginator(bookings, 20).get_page(request.GET.get("page"))
    for booking in page:
        booking.shown_status = BookingStatus(condensed_status(booking.status)).label
    return render(request, "bookings/my_bookings.html", {
        "page": page, "shown": shown, "choices": choices, "query": f"status={shown}" if shown else ""})


# Booking wizard ----------------------------------------------------------------------------------


def _date_param(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _slot_choices(*, kind: str, on: date | None, chosen) -> dict:
    """The slots to pick from on a day; pickups show how many places are left."""
    if on is None:
        return {"kind": kind, "slots": [], "on": None}
    today = timezone.localdate()
    # (slot, places left for pickups, whether it is already over today); a past day says so once, above
    slots = [(row.timeslot, row.remaining if kind == "pickup" else None, on == today and row.timeslot.has_ended(on))
             for row in timeslot_availability(on=on)]
    past = on < today
    return {"kind": kind, "slots": slots, "on": on, "chosen": str(chosen or ""), "past": past}


def _wizard_context(request, form: BookingForm) -> dict:
    picked = {str(pk) for pk in (form["services"].value() or [])}
    offered = list(form.fields["services"].queryset)
    return {
        "form": form,
        "services_picked": [s for s in offered if str(s.pk) in picked],
        "services_more": [s for s in offered if str(s.pk) not in picked],
        "picked": picked,
        "pickup_slots": _slot_choices(kind="pickup", on=_date_param(form["pickup_date"].value()),
                                      chosen=form["pickup_timeslot"].value()),
        "drop_slots": _slot_choices(kind="drop", on=_date_param(form["drop_date"].value()),
                                    chosen=form["drop_timeslot"].value()),
        "estimate": _estimate(form),
    }


def _estimate(form: BookingForm):
    cleaned = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    if not form.is_bound:
        car = form.fields["car"].queryset.filter(pk=form.initial.get("car")).first()
        chosen = form.fields["services"].queryset.filter(pk__in=form.initial.get("services", []))
    else:
        car, chosen = cleaned.get("car"), cleaned.get("services")
    if not car or not chosen:
        return None
    return booking_estimate(car=car, services=list(chosen))


@customer_only
@require_http_methods(["GET", "POST"])
def book(request):
    customer = request.user
    if request.method == "POST":
        form = BookingForm(request.POST, customer=customer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = booking_create(
                    customer=customer, car=data["car"], pickup_type=data["pickup_type"],
                    pickup_date=data["pickup_date"], pickup_timeslot=data["pickup_timeslot"],
                    drop_date=data["drop_date"], drop_timeslot=data["drop_timeslot"],
                    pickup_address=data["pickup_address"], drop_address=data["drop_address"],
                    services=[{"service": service, "quantity": 1} for service in data["services"]],
                    notes=data["notes"], created_by=customer,
                    reminder_token=request.session.get(REMINDER_SESSION_KEY, ""))
            except (ValidationError, ApplicationError) as refusal:
                form_refusal(form, refusal, field_names=BookingForm.SERVICE_FIELD_NAMES)
            else:
                request.session.pop(REMINDER_SESSION_KEY, None)
                messages.success(request, f"Booked! Booking #{booking.pk}: we will confirm your pickup shortly.")
                return redirect("portal:booking", booking.pk)
    else:
        tomorrow = timezone.localdate() + timedelta(days=1)
        wanted = [pk for pk in map(row_id, request.GET.getlist("service")) if pk is not None]
        form = BookingForm(customer=customer, initial={
            "services": [*cart_list(customer=customer).values_list("service_id", flat=True), *wanted],
            "pickup_date": tomorrow, "drop_date": tomorrow + timedelta(days=1)})
        cars, addresses = form.fields["car"].queryset, form.fields["pickup_address"].queryset
        wanted_car = row_id(request.GET.get("car"))
        if wanted_car is not None and cars.filter(pk=wanted_car).exists():
            form.initial["car"] = wanted_car
        elif len(cars) == 1:
            form.initial["car"] = cars[0].pk
        if addresses:
            form.initial["pickup_address"] = addresses[0].pk
    return render(request, "bookings/book.html", _wizard_context(request, form),
                  status=200 if not form.errors else 422)


@customer_only
@require_GET
def book_slots(request, kind: str):
    """HTMX: the slots for the date just picked, with live places left for pickups."""
    if kind not in ("pickup", "drop"):
        raise Http404
    on = _date_param(request.GET.get(f"{kind}_date"))
    return render(request, "bookings/_slot_choices.html",
                  {"slots": _slot_choices(kind=kind, on=on, chosen=request.GET.get(f"{kind}_timeslot"))})


@customer_only
@require_GET
def book_estimate(request):
    """HTMX: the price and time estimate for the car and services chosen so far."""
    form = BookingForm(request.GET, customer=request.user)
    form.is_valid()  # only the valid parts (car, services) are used
    return render(request, "bookings/_estimate.html", {"estimate": _estimate(form)})
