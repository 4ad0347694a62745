"""The admin desk's booking pages: the day at a glance, the board, and one page per booking from
which the garage assigns, validates, checks cars in and out, and cancels."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aftercare.portal.views import car_history_page
from bookings.lifecycle import CANCELLABLE, condensed_status
from bookings.models import BookingStatus
from bookings.selectors.totals import booking_totals
from bookings.services.confirmation import booking_cancel
from bookings.services.consent import line_reprice
from bookings.services.creation import booking_check_in, booking_check_out
from frontdesk.forms import (
    AnalysisCorrectionForm,
    AssignForm,
    CancelForm,
    LinePriceForm,
    QuoteFormSet,
    ReportNoteForm,
)
from frontdesk.selectors import action_required, dashboard_bookings, dashboard_summary, desk_action_queue, desk_day
from payments.selectors import payment_due_at_return, payment_list
from payments.services import cod_collect
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName
from workshop.portal.forms import ASSIGNMENT_TYPE_FIELDS, AssignmentTypeForm
from workshop.selectors.efficiency import mechanic_efficiency
from workshop.selectors.work import (
    assignment_type_list,
    booking_analysis,
    booking_detail,
    findings_by_severity,
    mechanic_suggestions,
)
from workshop.services import reports
from workshop.services.assignments import assignment_type_update, booking_assign
from workshop.services.findings import finding_delete

admin_only = role_required(RoleName.ADMIN)
S = BookingStatus


@admin_only
def dashboard(request):
    today = timezone.localdate()
    pickups, drops = desk_day(on=today)
    summary = dashboard_summary()
    return render(request, "desk/dashboard.html", {
        "summary": summary, "pickups": pickups, "drops": drops, "today": today,
        "queue": desk_action_queue(),
        "status_counts": [(value, label, summary.counts[value]) for value, label in S.choices]})


@admin_only
@require_GET
def action_queue(request):
    """HTMX, polled: the action-required queue alone."""
    return render(request, "desk/_queue.html", {"queue": desk_action_queue()})


@admin_only
def board(request):
    """Open bookings in a column per status."""
    rows = dashboard_bookings().exclude(status__in=[S.DELIVERED, S.CANCELLED])
    columns = {status: [] for status in S.values if status not in (S.DELIVERED, S.CANCELLED)}
    for booking in rows:
        booking.action = action_required(booking)
        columns[booking.status].append(booking)
    return render(request, "desk/board.html", {"columns": [(S(status).label, cards) for status, cards in
                                                           columns.items()]})


def _booking(request, booking_id: int):
    booking = booking_detail(user=request.user, booking_id=booking_id)
    if booking is None:
        raise Http404
    return booking


@admin_only
def booking_page(request, booking_id: int):
    return _booking_page(request, _booking(request, booking_id))


def _booking_page(request, booking, *, analysis_form=None, quote_formset=None, price_form=None, status=200):
    """The booking's page; after a refused POST, with the form that was sent and its errors beside the fields."""
    booking.action = action_required(booking)
    for row in booking.services.all():  # the prefetched rows the services table shows, each with its price form
        row.price_form = price_form if price_form is not None and price_form.line.pk == row.pk else (
            LinePriceForm(line=row))
    for event in booking.events.all():
        event.shown = S(event.to_status).label
    assignment_types = list(assignment_type_list())
    chosen_type = next((t for t in assignment_types if t.kind == request.GET.get("type")), None)
    analysis = booking_analysis(booking)
    approved = analysis is not None and analysis.validated_at is not None
    return render(request, "desk/booking.html", {
        "booking": booking, "totals": booking_totals(booking),
        "analysis": analysis, "finding_groups": findings_by_severity(analysis),
        "remove_url_name": None if approved else "desk:finding-remove", "remove_owner_id": booking.pk,
        "reprice_allowed": (booking.status == S.ANALYSED and approved) or booking.status == S.IN_PROGRESS,
        "assignment_types": assignment_types,
        "chosen_type": chosen_type, "customer_status": S(condensed_status(booking.status)).label,
        "suggestions": mechanic_suggestions(assignment_type=chosen_type) if chosen_type else None,
        "payments": payment_list(user=request.user, booking_id=booking.pk).order_by("-id"),
        "due": payment_due_at_return(booking=booking) if booking.status in (S.COMPLETED, S.CANCELLED) else None,
        "can_cancel": booking.status in CANCELLABLE,
        "analysis_form": analysis_form or (AnalysisCorrectionForm(initial={
            "description": analysis.description, "recommendation": analysis.recommendation}) if analysis else None),
        "quote_formset": quote_formset or QuoteFormSet(booking=booking),
    }, status=status)


def _act(request, booking_id: int, action, done: str, form=None):
    """Run one desk action on a booking from a button (and its few fields, checked by `form`); an invalid
    form or the service's refusal (409, 400) comes back as a message on the booking's page."""
    if form is not None and not form.is_valid():
        form_refusal(request, form)
        return redirect("desk:booking", booking_id)
    try:
        action()
    except (ApplicationError, ValidationError) as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, done)
    return redirect("desk:booking", booking_id)


@admin_only
@require_POST
def assign(request, booking_id: int):
    form = AssignForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _act(request, booking_id, lambda: booking_assign(
        booking_id=booking_id, mechanic=data["mechanic"], assignment_type=data["type"], assigned_by=request.user),
        f"{data['type'].name} assigned to {data['mechanic'].get_full_name()}." if data else "", form)


@admin_only
@require_POST
def analysis_validate(request, booking_id: int):
    return _act(request, booking_id, lambda: reports.analysis_validate(booking_id=booking_id, admin=request.user),
                "Quote approved; the customer is asked to confirm.")


@admin_only
@require_POST
def analysis_edit(request, booking_id: int):
    """Correct the analysis text and any quoted price before approving it."""
    booking = _booking(request, booking_id)
    form, quotes = AnalysisCorrectionForm(request.POST), QuoteFormSet(request.POST, booking=booking)
    if form.is_valid() and quotes.is_valid():
        try:
            reports.analysis_edit(booking_id=booking_id, admin=request.user, quotes=quotes.quotes(),
                                   **form.cleaned_data)
        except (ApplicationError, ValidationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, "Analysis updated.")
            return redirect("desk:booking", booking_id)
    return _booking_page(request, booking, analysis_form=form, quote_formset=quotes, status=422)


@admin_only
@require_POST
def progress_validate(request, booking_id: int, progress_id: int):
    if not _booking(request, booking_id).progress_entries.filter(pk=progress_id).exists():
        raise Http404
    return _act(request, booking_id, lambda: reports.progress_validate(progress_id=progress_id, admin=request.user),
                "Report validated.")


@admin_only
@require_POST
def progress_edit(request, booking_id: int, progress_id: int):
    """Correct a report's note before validating it."""
    if not _booking(request, booking_id).progress_entries.filter(pk=progress_id).exists():
        raise Http404
    form = ReportNoteForm(request.POST)
    return _act(request, booking_id, lambda: reports.progress_edit(
        progress_id=progress_id, admin=request.user, notes=form.cleaned_data["notes"]), "Report note corrected.", form)


@admin_only
@require_POST
def check_in(request, booking_id: int):
    return _act(request, booking_id, lambda: booking_check_in(booking_id=booking_id, admin=request.user),
                "Car checked in at the garage.")


@admin_only
@require_POST
def check_out(request, booking_id: int):
    return _act(request, booking_id, lambda: booking_check_out(booking_id=booking_id, admin=request.user),
                "Car handed back to the customer.")


@admin_only
@require_POST
def collect_cash(request, booking_id: int):
    return _act(request, booking_id, lambda: cod_collect(booking_id=booking_id, collector=request.user, mode="cash"),
                "Cash payment recorded.")


@admin_only
@require_POST
def cancel(request, booking_id: int):
    form = CancelForm(request.POST)
    return _act(request, booking_id, lambda: booking_cancel(
        booking_id=booking_id, actor=request.user, reason=form.cleaned_data["reason"]), "Booking cancelled.", form)


# Assignment types ----------------------------------------------------------------------------------


@admin_only
@require_http_methods(["GET", "POST"])
def assignment_types(request, type_id: int | None = None):
    current = get_object_or_404(assignment_type_list(), pk=type_id) if type_id else None
    if current is None and request.method == "POST":
        return HttpResponseNotAllowed(["GET"])  # the four kinds are fixed: nothing is added here
    form = None
    if current is not None:
        form = AssignmentTypeForm(request.POST or None, initial=model_to_dict(current, ASSIGNMENT_TYPE_FIELDS))
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            assignment_type_update(assignment_type=current, **fields)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"“{fields['name']}” saved.")
            return redirect("desk:assignment-types")
    return render(request, "desk/assignment_types.html", {
        "form": form, "current": current, "types": assignment_type_list()})


@admin_only
def settings_index(request):
    return render(request, "desk/settings.html")


@admin_only
def operations_index(request):
    return render(request, "desk/operations.html")


@admin_only
@require_POST
def line_price(request, booking_id: int, service_id: int):
    """Change a quoted price; once the work has started the customer must approve the line again."""
    booking = _booking(request, booking_id)
    line = booking.services.filter(service_id=service_id).select_related("service").first()
    if line is None:
        raise Http404
    form = LinePriceForm(request.POST, line=line)
    if form.is_valid():
        try:
            line_reprice(booking_id=booking_id, service_id=service_id, price=form.cleaned_data["price"],
                                  admin=request.user)
        except (ApplicationError, ValidationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, "Price changed.")
            return redirect("desk:booking", booking_id)
    return _booking_page(request, booking, price_form=form, status=422)


@admin_only
@require_POST
def finding_remove(request, booking_id: int, finding_id: int):
    _booking(request, booking_id)
    return _act(request, booking_id, lambda: finding_delete(finding_id=finding_id, actor=request.user),
                "Finding removed.")


@admin_only
def car_history(request, car_id: int):
    return car_history_page(request, car_id, staff=True)


@admin_only
def efficiency(request):
    """Estimated against actual hours, per mechanic and per service, with the formula beside them."""
    today = timezone.localdate()
    try:
        date_from = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        date_from = today - timedelta(days=30)
    try:
        date_to = date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        date_to = today
    date_from = min(date_from, date_to)
    context = {"date_from": date_from, "date_to": date_to}
    try:
        context["figures"] = mechanic_efficiency(date_from=date_from, date_to=date_to)
    except ValidationError as refusal:
        # Beside the dates: the API's field names are the page's "from" and "to".
        context["period_errors"] = {name.removeprefix("date_"): messages_ for name, messages_
                                    in refusal.message_dict.items()}
        return render(request, "desk/efficiency.html", context, status=422)
    return render(request, "desk/efficiency.html", context)
