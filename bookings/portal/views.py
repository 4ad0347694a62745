"""A customer's bookings in the browser, over the same services and selectors as the API."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.models import RoleName
from bookings import selectors, services
from bookings.lifecycle import condensed_status
from bookings.models import BookingStatus, CustodyStage, DecisionChannel
from bookings.portal.forms import (
    BookingForm,
    CancelForm,
    ConfirmServicesForm,
    CustodyDisputeForm,
    LineDecisionForm,
)
from bookings.selectors.availability import timeslot_availability
from catalogue.selectors import cart_list
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required

customer_only = role_required(RoleName.CUSTOMER)


@customer_only
def my_bookings(request):
    shown = request.GET.get("status") or None
    choices = [(status, BookingStatus(status).label) for status in BookingStatus.values
               if condensed_status(status) == status]
    if shown not in dict(choices):
        shown = None
    bookings = selectors.customer_booking_list(customer=request.user, shown_status=shown)
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
    return selectors.booking_estimate(car=car, services=list(chosen))


@customer_only
@require_http_methods(["GET", "POST"])
def book(request):
    customer = request.user
    if request.method == "POST":
        form = BookingForm(request.POST, customer=customer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.booking_create(
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
        wanted = [pk for pk in request.GET.getlist("service") if pk.isdigit()]
        form = BookingForm(customer=customer, initial={
            "services": [*cart_list(customer=customer).values_list("service_id", flat=True), *map(int, wanted)],
            "pickup_date": tomorrow, "drop_date": tomorrow + timedelta(days=1)})
        cars, addresses = form.fields["car"].queryset, form.fields["pickup_address"].queryset
        wanted_car = request.GET.get("car", "")
        if wanted_car.isdigit() and cars.filter(pk=int(wanted_car)).exists():
            form.initial["car"] = int(wanted_car)
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


# A booking -----------------------------------------------------------------------------------------


def _own_booking(request, booking_id: int):
    booking = selectors.booking_detail(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404  # someone else's booking is as absent as one that never existed
    booking.shown_status = BookingStatus(condensed_status(booking.status)).label
    for event in booking.events.all():
        event.shown = BookingStatus(condensed_status(event.to_status)).label
    return booking


def _booking_page(request, booking, *, confirm_form=None, status=200):
    from catalogue.selectors import review_of
    from payments.selectors import open_order_for

    analysis = selectors.booking_analysis(booking)
    quote_ready = (booking.status == BookingStatus.ANALYSED and analysis is not None
                   and analysis.validated_at is not None)
    if quote_ready and confirm_form is None:
        confirm_form = ConfirmServicesForm(booking=booking)
    finished = booking.status in selectors.FINISHED
    reviewed = ({review.service_id: review for review in review_of(customer=request.user)} if finished else {})
    return render(request, "bookings/booking.html", {
        "booking": booking, "totals": selectors.booking_totals(booking), "analysis": analysis,
        "finding_groups": selectors.findings_by_severity(analysis) if analysis and analysis.validated_at else [],
        "line_decision_allowed": True,
        "confirm_form": confirm_form if quote_ready else None,
        "confirm_totals": _confirm_totals(booking, confirm_form) if quote_ready else None,
        "open_order": open_order_for(user=request.user, booking_id=booking.pk),
        "can_cancel": booking.status in services.CANCELLABLE,
        "to_review": [row for row in booking.services.all()
                      if finished and row.status == "confirmed" and row.service_id not in reviewed],
        "reviews": [reviewed[row.service_id] for row in booking.services.all() if row.service_id in reviewed],
    }, status=status)


def _confirm_totals(booking, form: ConfirmServicesForm):
    chosen = form["service_ids"].value() or []
    return selectors.selection_totals(booking, [int(pk) for pk in chosen if str(pk).isdigit()])


@customer_only
def booking_page(request, booking_id: int):
    return _booking_page(request, _own_booking(request, booking_id))


@customer_only
@require_POST
def booking_confirm(request, booking_id: int):
    """The customer confirms services from the approved quote: cash on delivery starts the work,
    online goes to checkout."""
    booking = _own_booking(request, booking_id)
    form = ConfirmServicesForm(request.POST, booking=booking)
    if form.is_valid():
        try:
            confirmation = services.booking_confirm_services(
                booking_id=booking.pk, actor=request.user, service_ids=form.cleaned_data["service_ids"],
                payment_method=form.cleaned_data["payment_method"], channel=DecisionChannel.PORTAL)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            if confirmation.payment is not None:
                return redirect("portal:checkout", confirmation.payment.gateway_order_id)
            messages.success(request, "Confirmed. We are starting the work; you pay when the car comes back.")
            return redirect("portal:booking", booking.pk)
    return _booking_page(request, booking, confirm_form=form, status=422)


@customer_only
@require_POST
def booking_line_decision(request, booking_id: int, service_id: int):
    """Approve or decline a line whose price changed after the work started."""
    booking = _own_booking(request, booking_id)
    form = LineDecisionForm(request.POST)
    if not form.is_valid():
        form_refusal(request, form)
        return redirect("portal:booking", booking.pk)
    approve = form.cleaned_data["approve"]
    try:
        line = services.line_decide(booking_id=booking.pk, service_id=service_id, approve=approve,
                                    actor=request.user, channel=DecisionChannel.PORTAL)
    except (ValidationError, ApplicationError) as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, f"{line.service.title}: {'approved' if approve else 'declined'}.")
    return redirect("portal:booking", booking.pk)


@customer_only
@require_GET
def booking_confirm_total(request, booking_id: int):
    """HTMX: the total (with GST) for the services ticked so far."""
    booking = _own_booking(request, booking_id)
    form = ConfirmServicesForm(request.GET, booking=booking)
    return render(request, "bookings/_confirm_total.html", {"confirm_totals": _confirm_totals(booking, form)})


@customer_only
@require_http_methods(["GET", "POST"])
def booking_cancel(request, booking_id: int):
    """Shows what cancelling costs now, and cancels only when the customer confirms."""
    booking = _own_booking(request, booking_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancellation = services.booking_cancel(booking_id=booking.pk, actor=request.user,
                                                   reason=form.cleaned_data["reason"])
        except ApplicationError as refusal:
            form_refusal(request, refusal)
        else:
            refund = f" ₹{cancellation.refund} will be refunded to you." if cancellation.refund else ""
            messages.success(request, f"Booking #{booking.pk} is cancelled. Fee ₹{cancellation.total}.{refund}")
        return redirect("portal:booking", booking.pk)
    if booking.status not in services.CANCELLABLE:
        messages.error(request, "This booking can no longer be cancelled.")
        return redirect("portal:booking", booking.pk)
    fee, gst, percent = services.cancellation_charge(booking)
    return render(request, "bookings/cancel.html", {
        "booking": booking, "form": form, "fee": fee, "gst": gst, "percent": percent, "fee_total": fee + gst})


@customer_only
def booking_timeline(request, booking_id: int):
    """HTMX: the timeline alone, polled by the booking page. When something new happened the whole
    page reloads, so the actions offered (confirm, pay, review) follow the booking too."""
    booking = _own_booking(request, booking_id)
    seen = request.GET.get("seen", "")
    if request.htmx and seen.isdigit() and int(seen) != len(booking.events.all()):
        return HttpResponseClientRefresh()
    return render(request, "bookings/_timeline.html", {"booking": booking})


@login_required
@require_GET
def booking_photo(request, kind: str, image_id: int):
    """A photo from the analysis, its findings or the progress reports, for those who may see the booking."""
    photo = selectors.photo_visible_to(user=request.user, kind=kind, image_id=image_id)
    if photo is None or not photo.image.storage.exists(photo.image.name):
        raise Http404
    response = FileResponse(photo.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


# Deferred work and the car's history --------------------------------------------------------------

REMINDER_SESSION_KEY = "deferred_reminder"


@customer_only
@require_GET
def reminder_link(request, token: str):
    """The link in a reminder email: the deferred service goes into the cart and the booking wizard
    opens for that car; the booking made next is credited to the reminder."""
    from catalogue.services import cart_add

    reminder = selectors.reminder_for(customer=request.user, token=token)
    if reminder is None:
        raise Http404
    item = reminder.item
    if item.status != "open":
        messages.info(request, f"{item.service.title} for {item.car.registration_number} is already "
                               f"{'booked' if item.status == 'booked' else 'set aside'}.")
        return redirect("portal:car-history", item.car_id)
    try:
        cart_add(customer=request.user, service=item.service)
    except ApplicationError:
        pass  # already in the cart
    request.session[REMINDER_SESSION_KEY] = token
    return redirect(f"{reverse('portal:book')}?car={item.car_id}")


def car_history_page(request, car_id: int, **context):
    """A car's history as the person asking may see it (customer, desk or the mechanic of a job)."""
    history = selectors.car_history(user=request.user, car_id=car_id)
    if history is None:
        raise Http404
    return render(request, "bookings/car_history.html", {"history": history, "staff": False, **context})


@customer_only
def car_history(request, car_id: int):
    return car_history_page(request, car_id)


@customer_only
@require_POST
def deferred_dismiss(request, item_id: int):
    item = selectors.deferred_items_visible_to(user=request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    services.deferred_item_dismiss(item=item)
    messages.success(request, f"{item.service.title}: no more reminders.")
    return redirect("portal:car-history", item.car_id)


@customer_only
@require_POST
def custody_dispute(request, booking_id: int, stage: str):
    """The customer questions a handover record; the garage sees it on the booking's timeline."""
    booking = _own_booking(request, booking_id)
    if stage not in CustodyStage.values:
        raise Http404
    form = CustodyDisputeForm(request.POST)
    if not form.is_valid():  # e.g. a NUL character; what the note must say is the service's rule
        form_refusal(request, form)
        return redirect("portal:booking", booking.pk)
    try:
        services.custody_dispute(booking_id=booking.pk, stage=stage, actor=request.user,
                                 note=form.cleaned_data["note"])
    except (ValidationError, ApplicationError) as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, "Thank you. The garage has your note and will be in touch.")
    return redirect("portal:booking", booking.pk)
