"""The mechanic's tablet: today's jobs and one page per job. Every form posts through HTMX so a
dropped connection leaves what was typed on screen (see templates/mechanic/job.html)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from accounts.models import RoleName
from bookings import selectors, services
from bookings.lifecycle import PROGRESS_STATUS
from bookings.models import HANDOVER_STAGE, AssignmentKind
from bookings.portal.mechanic_forms import (
    AnalysisForm,
    CollectForm,
    FindingForm,
    HandoverCodeForm,
    HandoverForm,
    ProgressForm,
    ReportForm,
)
from garage.selectors import garage_settings_get
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required

mechanic_only = role_required(RoleName.MECHANIC)

# The button that sends each kind's report (the status it reports is the lifecycle's PROGRESS_STATUS).
REPORT_BUTTON = {AssignmentKind.PICKUP: "Car received", AssignmentKind.SERVICE: "Send progress",
                 AssignmentKind.DROP: "Car delivered", AssignmentKind.ANALYSIS: "Submit analysis"}


@mechanic_only
def today(request):
    jobs = selectors.mechanic_assignment_list(mechanic=request.user, is_open=True)
    return render(request, "mechanic/today.html", {"jobs": jobs, "kinds": AssignmentKind})


@mechanic_only
def history(request):
    from datetime import timedelta

    from django.core.paginator import Paginator
    from django.utils import timezone

    done = selectors.mechanic_assignment_list(mechanic=request.user, is_open=False)
    page = Paginator(done, 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    figures = selectors.mechanic_efficiency(date_from=today - timedelta(days=30), date_to=today)
    mine = next((row for row in figures.mechanics if row.key == request.user.pk), None)
    return render(request, "mechanic/history.html", {"page": page, "profile": request.user.mechanic_profile,
                                                     "efficiency": mine, "formula": figures.formula})


def _own_job(request, assignment_id: int):
    job = selectors.mechanic_job(mechanic=request.user, assignment_id=assignment_id)
    if job is None:
        raise Http404  # another mechanic's job is as absent as one that never existed
    return job


def _form_for(job, data=None, files=None):
    kind = job.assignment_type.kind
    if kind == AssignmentKind.ANALYSIS:
        return AnalysisForm(data, files, booking=job.booking)
    if kind == AssignmentKind.SERVICE:
        return ProgressForm(data, files, booking=job.booking)
    return ReportForm(data, files)


def _job_context(request, job, form=None, handover_form=None, code_form=None) -> dict:
    from payments.selectors import payment_due_at_return

    booking, kind = job.booking, job.assignment_type.kind
    if kind == AssignmentKind.ANALYSIS:
        analysis = selectors.booking_analysis(booking)
        waiting = analysis if analysis is not None and analysis.validated_at is None else None
    else:
        waiting = selectors.report_awaiting_validation(mechanic=request.user, booking=booking)
    context = {"job": job, "booking": booking, "kind": kind, "kinds": AssignmentKind, "waiting": waiting,
               "waiting_since": getattr(waiting, "created_at", None) or getattr(waiting, "submitted_at", None),
               "submit_label": REPORT_BUTTON[kind],
               "form": None if job.closed_at or waiting else (form or _form_for(job))}
    if kind == AssignmentKind.DROP and not job.closed_at:
        context["due"] = payment_due_at_return(booking=booking)
    if kind in HANDOVER_STAGE and not job.closed_at and not waiting:
        # When the garage asks for the customer's code, the car changes hands first (record, then the code)
        # and only then comes the report; otherwise the record is recommended beside the report.
        record = selectors.custody_record_of(booking=booking, stage=HANDOVER_STAGE[kind])
        code_required = garage_settings_get().handover_code_required
        context.update(custody=record, code_required=code_required)
        if record is None or record.handed_over_at is None:
            if form is None and (code_required or context.get("due")):  # a report sent anyway shows its refusal
                context["form"] = None
            if not context.get("due"):
                context["handover_form"] = handover_form or HandoverForm()
                context["code_form"] = ((code_form or HandoverCodeForm())
                                        if record is not None and record.code_digest else None)
    if kind == AssignmentKind.ANALYSIS:  # what the customer left for later last time, to look at again
        context["deferred"] = selectors.deferred_items_visible_to(user=request.user, car_id=booking.car_id)
    if kind == AssignmentKind.ANALYSIS and waiting is not None:  # findings are added while the analysis awaits approval
        context.update(finding_groups=selectors.findings_by_severity(waiting), finding_form=FindingForm(),
                       remove_url_name="mechanic:finding-remove", remove_owner_id=job.pk)
    return context


@mechanic_only
@require_http_methods(["GET", "POST"])
def job_page(request, assignment_id: int):
    job = _own_job(request, assignment_id)
    if request.method == "GET":
        return render(request, "mechanic/job.html", _job_context(request, job))
    form = _form_for(job, request.POST, request.FILES)
    if form.is_valid():
        try:
            _submit(request, job, form)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal, field_names={"images": "photos", "completed_service_ids": "completed",
                                                     "quotes": None, "recommended": None})
        else:
            return HttpResponseClientRedirect(reverse("mechanic:today"))
    return render(request, "mechanic/_job_form.html", _job_context(request, job, form), status=422)


def _submit(request, job, form) -> None:
    kind, data = job.assignment_type.kind, form.cleaned_data
    if kind == AssignmentKind.ANALYSIS:
        services.analysis_submit(booking_id=job.booking_id, mechanic=request.user, description=data["description"],
                                 recommendation=data["recommendation"], quotes=form.quotes(),
                                 recommended=form.recommended(), images=data["photos"])
        messages.success(request, f"Analysis of booking #{job.booking_id} sent for approval.")
        return
    services.progress_post(booking_id=job.booking_id, mechanic=request.user, status=PROGRESS_STATUS[kind],
                           notes=data["notes"], completed_service_ids=data.get("completed", []), images=data["photos"])
    messages.success(request, f"Booking #{job.booking_id}: “{REPORT_BUTTON[kind]}” sent.")


@mechanic_only
def car_history(request, assignment_id: int):
    """The history of the car of one of my jobs: past visits, findings, readings, work left for later."""
    from bookings.portal.views import car_history_page

    job = _own_job(request, assignment_id)
    return car_history_page(request, job.booking.car_id, staff=True, job=job)


def _sent(request, job, form, send, *, done: str, field_names: dict | None = None):
    """A valid form goes to its service: on success a message and back to the job page; a refusal lands
    beside its field and None comes back, for the caller to show the form again (422)."""
    if form.is_valid():
        try:
            send(form.cleaned_data)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal, field_names=field_names)
        else:
            messages.success(request, done)
            return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))
    return None


@mechanic_only
@require_POST
def handover_record(request, assignment_id: int):
    """Odometer, fuel and walk-round photos; when the garage asks for it, emails the customer the code that
    confirms the handover."""
    job = _own_job(request, assignment_id)
    form = HandoverForm(request.POST, request.FILES)
    done = (f"Code sent to {job.booking.customer.get_full_name()}. Ask them for it."
            if garage_settings_get().handover_code_required else "Handover recorded.")
    sent = _sent(request, job, form, lambda data: services.custody_record(
        booking_id=job.booking_id, mechanic=request.user, odometer_km=data["odometer_km"],
        fuel_level=data["fuel_level"], notes=data["notes"], images=data["photos"]),
        done=done, field_names={"images": "photos"})
    return sent or render(request, "mechanic/_handover.html", _job_context(request, job, handover_form=form),
                          status=422)


@mechanic_only
@require_POST
def handover_confirm(request, assignment_id: int):
    job = _own_job(request, assignment_id)
    form = HandoverCodeForm(request.POST)
    sent = _sent(request, job, form, lambda data: services.custody_confirm(
        booking_id=job.booking_id, mechanic=request.user, code=data["code"]), done="Handover confirmed.")
    if sent:
        return sent
    context = _job_context(request, job, code_form=form)
    if context.get("code_form") is None:  # nothing left to confirm (already handed over): say so on the page
        messages.error(request, " ".join(form.non_field_errors()) or "There is no handover to confirm.")
        return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))
    return render(request, "mechanic/_handover.html", context, status=422)


@mechanic_only
@require_POST
def finding_add(request, assignment_id: int):
    """A finding with its photos, added to the analysis that awaits approval."""
    job = _own_job(request, assignment_id)
    form = FindingForm(request.POST, request.FILES)
    sent = _sent(request, job, form, lambda data: services.finding_add(
        booking_id=job.booking_id, actor=request.user, severity=data["severity"], note=data["note"],
        service=data["service"], price=data["price"], due_km=data["due_km"], images=data["photos"]),
        done="Finding added.", field_names={"images": "photos", "service_id": "service"})
    return sent or render(request, "mechanic/_finding_form.html", {"job": job, "finding_form": form}, status=422)


@mechanic_only
@require_POST
def finding_remove(request, assignment_id: int, finding_id: int):
    job = _own_job(request, assignment_id)
    finding = selectors.finding_detail(finding_id=finding_id, mechanic=request.user)
    if finding is None or finding.analysis.booking_id != job.booking_id:
        raise Http404
    try:
        services.finding_delete(finding_id=finding.pk, actor=request.user)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, "Finding removed.")
    return redirect("mechanic:job", job.pk)


@mechanic_only
@require_POST
def collect_payment(request, assignment_id: int):
    """At the car's return: record cash taken, or open a payment the customer makes on their phone."""
    from payments.services import cod_collect

    job = _own_job(request, assignment_id)
    form = CollectForm(request.POST)
    if not form.is_valid():
        form_refusal(request, form)
        return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))
    mode = form.cleaned_data["mode"]
    try:
        payment = cod_collect(booking_id=job.booking_id, collector=request.user, mode=mode)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        if mode == "cash":
            messages.success(request, f"₹{payment.amount} in cash recorded. You can hand the car back.")
    return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))


@mechanic_only
def payment_state(request, assignment_id: int):
    """HTMX, polled while a payment is due: reloads the job page once the customer has paid."""
    from payments.selectors import payment_due_at_return

    job = _own_job(request, assignment_id)
    if payment_due_at_return(booking=job.booking) is None:
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
