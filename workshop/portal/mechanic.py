"""The mechanic's tablet: today's jobs and one page per job. Every form posts through HTMX so a
dropped connection leaves what was typed on screen (see templates/mechanic/job.html)."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from bookings.lifecycle import PROGRESS_STATUS
from bookings.models import AssignmentKind
from garage.selectors import garage_settings_get
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName
from workshop.models import HANDOVER_STAGE, Assignment
from workshop.portal.forms import (
    AnalysisForm,
    FindingForm,
    HandoverCodeForm,
    HandoverForm,
    ProgressForm,
    ReportForm,
)
from workshop.selectors.efficiency import mechanic_efficiency
from workshop.selectors.tablet import (
    custody_record_of,
    mechanic_assignment_list,
    mechanic_job,
    report_awaiting_validation,
)
from workshop.selectors.work import booking_analysis, finding_detail, findings_by_severity
from workshop.services import findings
from workshop.services.custody import custody_confirm, custody_record
from workshop.services.findings import finding_delete
from workshop.services.reports import analysis_submit, progress_post

mechanic_only = role_required(RoleName.MECHANIC)

# What the apps above the workshop add to a job page: (request, job) → more of the page's context. They
# register here in their AppConfig.ready (payments: the money due at a drop; aftercare: the work the
# customer left for later, for the analysing mechanic).
JOB_PAGE_PARTS: list[Callable[[HttpRequest, Assignment], dict]] = []

# The button that sends each kind's report (the status it reports is the lifecycle's PROGRESS_STATUS).
REPORT_BUTTON = {AssignmentKind.PICKUP: "Car received", AssignmentKind.SERVICE: "Send progress",
                 AssignmentKind.DROP: "Car delivered", AssignmentKind.ANALYSIS: "Submit analysis"}


@mechanic_only
def today(request):
    jobs = mechanic_assignment_list(mechanic=request.user, is_open=True)
    return render(request, "mechanic/today.html", {"jobs": jobs, "kinds": AssignmentKind})


@mechanic_only
def history(request):
    done = mechanic_assignment_list(mechanic=request.user, is_open=False)
    page = Paginator(done, 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    figures = mechanic_efficiency(date_from=today - timedelta(days=30), date_to=today)
    mine = next((row for row in figures.mechanics if row.key == request.user.pk), None)
    return render(request, "mechanic/history.html", {"page": page, "profile": request.user.mechanic_profile,
                                                     "efficiency": mine, "formula": figures.formula})


def own_job(request, assignment_id: int) -> Assignment:
    job = mechanic_job(mechanic=request.user, assignment_id=assignment_id)
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
    booking, kind = job.booking, job.assignment_type.kind
    if kind == AssignmentKind.ANALYSIS:
        analysis = booking_analysis(booking)
        waiting = analysis if analysis is not None and analysis.validated_at is None else None
    else:
        waiting = report_awaiting_validation(mechanic=request.user, booking=booking)
    context = {"job": job, "booking": booking, "kind": kind, "kinds": AssignmentKind, "waiting": waiting,
               "waiting_since": getattr(waiting, "created_at", None) or getattr(waiting, "submitted_at", None),
               "submit_label": REPORT_BUTTON[kind],
               "form": None if job.closed_at or waiting else (form or _form_for(job))}
    for part in JOB_PAGE_PARTS:
        context.update(part(request, job))
    if kind in HANDOVER_STAGE and not job.closed_at and not waiting:
        # When the garage asks for the customer's code, the car changes hands first (record, then the code)
        # and only then comes the report; otherwise the record is recommended beside the report.
        record = custody_record_of(booking=booking, stage=HANDOVER_STAGE[kind])
        code_required = garage_settings_get().handover_code_required
        context.update(custody=record, code_required=code_required)
        if record is None or record.handed_over_at is None:
            if form is None and (code_required or context.get("due")):  # a report sent anyway shows its refusal
                context["form"] = None
            if not context.get("due"):
                context["handover_form"] = handover_form or HandoverForm()
                context["code_form"] = ((code_form or HandoverCodeForm())
                                        if record is not None and record.code_digest else None)
    if kind == AssignmentKind.ANALYSIS and waiting is not None:  # findings are added while the analysis awaits approval
        context.update(finding_groups=findings_by_severity(waiting), finding_form=FindingForm(),
                       remove_url_name="mechanic:finding-remove", remove_owner_id=job.pk)
    return context


@mechanic_only
@require_http_methods(["GET", "POST"])
def job_page(request, assignment_id: int):
    job = own_job(request, assignment_id)
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
    context = _job_context(request, job, form)
    if context["form"] is None:  # a stale page: the job is closed or its report already awaits the desk
        messages.info(request, "This job's report is already in; here is where it stands.")
        return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))
    return render(request, "mechanic/_job_form.html", context, status=422)


def _submit(request, job, form) -> None:
    kind, data = job.assignment_type.kind, form.cleaned_data
    if kind == AssignmentKind.ANALYSIS:
        analysis_submit(booking_id=job.booking_id, mechanic=request.user, description=data["description"],
                                 recommendation=data["recommendation"], quotes=form.quotes(),
                                 recommended=form.recommended(), images=data["photos"])
        messages.success(request, f"Analysis of booking #{job.booking_id} sent for approval.")
        return
    progress_post(booking_id=job.booking_id, mechanic=request.user, status=PROGRESS_STATUS[kind],
                           notes=data["notes"], completed_service_ids=data.get("completed", []), images=data["photos"])
    messages.success(request, f"Booking #{job.booking_id}: “{REPORT_BUTTON[kind]}” sent.")


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
    job = own_job(request, assignment_id)
    form = HandoverForm(request.POST, request.FILES)
    done = (f"Code sent to {job.booking.customer.get_full_name()}. Ask them for it."
            if garage_settings_get().handover_code_required else "Handover recorded.")
    sent = _sent(request, job, form, lambda data: custody_record(
        booking_id=job.booking_id, mechanic=request.user, odometer_km=data["odometer_km"],
        fuel_level=data["fuel_level"], notes=data["notes"], images=data["photos"]),
        done=done, field_names={"images": "photos"})
    return sent or render(request, "mechanic/_handover.html", _job_context(request, job, handover_form=form),
                          status=422)


@mechanic_only
@require_POST
def handover_confirm(request, assignment_id: int):
    job = own_job(request, assignment_id)
    form = HandoverCodeForm(request.POST)
    sent = _sent(request, job, form, lambda data: custody_confirm(
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
    job = own_job(request, assignment_id)
    form = FindingForm(request.POST, request.FILES)
    sent = _sent(request, job, form, lambda data: findings.finding_add(
        booking_id=job.booking_id, actor=request.user, severity=data["severity"], note=data["note"],
        service=data["service"], price=data["price"], due_km=data["due_km"], images=data["photos"]),
        done="Finding added.", field_names={"images": "photos", "service_id": "service"})
    return sent or render(request, "mechanic/_finding_form.html", {"job": job, "finding_form": form}, status=422)


@mechanic_only
@require_POST
def finding_remove(request, assignment_id: int, finding_id: int):
    job = own_job(request, assignment_id)
    finding = finding_detail(finding_id=finding_id, mechanic=request.user)
    if finding is None or finding.analysis.booking_id != job.booking_id:
        raise Http404
    try:
        finding_delete(finding_id=finding.pk, actor=request.user)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, "Finding removed.")
    return redirect("mechanic:job", job.pk)
