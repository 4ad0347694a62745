"""The customer's page of one booking, seen whole: its lines and quote with the findings behind it, the
work's timeline, paying, cancelling and reviewing. Over the same services and selectors as the API."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from bookings.lifecycle import CANCELLABLE, condensed_status
from bookings.models import BookedServiceStatus, BookingStatus, DecisionChannel
from bookings.portal.forms import CancelForm, ConfirmServicesForm, LineDecisionForm
from bookings.selectors.access import FINISHED
from bookings.selectors.totals import booking_totals, selection_totals
from bookings.services.confirmation import booking_cancel, cancellation_charge
from bookings.services.consent import line_decide
from catalogue.selectors import review_of
from payments.selectors import open_order_for
from payments.services import services_confirm
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required, row_id
from revcare.roles import RoleName
from workshop.selectors.work import booking_analysis, booking_detail, findings_by_severity

customer_only = role_required(RoleName.CUSTOMER)


def _own_booking(request, booking_id: int):
    booking = booking_detail(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404  # someone else's booking is as absent as one that never existed
    booking.shown_status = BookingStatus(condensed_status(booking.status)).label
    for event in booking.events.all():
        event.shown = BookingStatus(condensed_status(event.to_status)).label
    return booking


def _booking_page(request, booking, *, confirm_form=None, status=200):
    analysis = booking_analysis(booking)
    quote_ready = (booking.status == BookingStatus.ANALYSED and analysis is not None
                   and analysis.validated_at is not None)
    if quote_ready and confirm_form is None:
        confirm_form = ConfirmServicesForm(booking=booking)
    finished = booking.status in FINISHED
    reviewed = ({review.service_id: review for review in review_of(customer=request.user)} if finished else {})
    return render(request, "bookings/booking.html", {
        "booking": booking, "totals": booking_totals(booking), "analysis": analysis,
        "finding_groups": findings_by_severity(analysis) if analysis and analysis.validated_at else [],
        "line_decision_allowed": True,
        "confirm_form": confirm_form if quote_ready else None,
        "confirm_totals": _confirm_totals(booking, confirm_form) if quote_ready else None,
        "open_order": open_order_for(user=request.user, booking_id=booking.pk),
        "can_cancel": booking.status in CANCELLABLE,
        "to_review": [row for row in booking.services.all()
                      if finished and row.status == BookedServiceStatus.CONFIRMED and row.service_id not in reviewed],
        "reviews": [reviewed[row.service_id] for row in booking.services.all() if row.service_id in reviewed],
    }, status=status)


def _confirm_totals(booking, form: ConfirmServicesForm):
    chosen = form["service_ids"].value() or []
    return selection_totals(booking, [pk for pk in map(row_id, chosen) if pk is not None])


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
            confirmation = services_confirm(
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
        line = line_decide(booking_id=booking.pk, service_id=service_id, approve=approve,
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
def booking_cancel_page(request, booking_id: int):
    """Shows what cancelling costs now, and cancels only when the customer confirms."""
    booking = _own_booking(request, booking_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancellation = booking_cancel(booking_id=booking.pk, actor=request.user,
                                                   reason=form.cleaned_data["reason"])
        except ApplicationError as refusal:
            form_refusal(request, refusal)
        else:
            refund = f" ₹{cancellation.refund} will be refunded to you." if cancellation.refund else ""
            messages.success(request, f"Booking #{booking.pk} is cancelled. Fee ₹{cancellation.total}.{refund}")
        return redirect("portal:booking", booking.pk)
    if booking.status not in CANCELLABLE:
        messages.error(request, "This booking can no longer be cancelled.")
        return redirect("portal:booking", booking.pk)
    fee, gst, percent = cancellation_charge(booking)
    return render(request, "bookings/cancel.html", {
        "booking": booking, "form": form, "fee": fee, "gst": gst, "percent": percent, "fee_total": fee + gst})


@customer_only
def booking_timeline(request, booking_id: int):
    """HTMX: the timeline alone, polled by the booking page. When something new happened the whole
    page reloads, so the actions offered (confirm, pay, review) follow the booking too."""
    booking = _own_booking(request, booking_id)
    seen = row_id(request.GET.get("seen"))  # a count of timeline entries: digits, like an id
    if request.htmx and seen is not None and seen != len(booking.events.all()):
        return HttpResponseClientRefresh()
    return render(request, "bookings/_timeline.html", {"booking": booking})
