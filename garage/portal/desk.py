"""The admin desk's garage settings (policies, GST, content, timeslots) and backups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from garage import backups, selectors, services
from garage.portal.desk_forms import (
    CONTENT_FIELDS,
    GARAGE_SETTINGS_FIELDS,
    TIMESLOT_FIELDS,
    ContentForm,
    GarageSettingsForm,
    GstForm,
    RestoreForm,
    TimeslotForm,
)
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName

admin_only = role_required(RoleName.ADMIN)
CONTENT_SLUGS = ["home-banner", "offers-banner", "terms", "privacy"]


@admin_only
@require_http_methods(["GET", "POST"])
def policies(request):
    current = selectors.garage_settings_get()
    # Bound on every POST: unticking the only box sends an empty body, which `request.POST or None` would drop.
    form = GarageSettingsForm(request.POST if request.method == "POST" else None,
                              initial=model_to_dict(current, GARAGE_SETTINGS_FIELDS))
    if request.method == "POST" and form.is_valid():
        services.garage_settings_update(handover_code_required=form.cleaned_data["handover_code_required"],
                                        updated_by=request.user)
        messages.success(request, "Doorstep handovers now ask for the customer's code."
                         if form.cleaned_data["handover_code_required"] else
                         "Doorstep handovers no longer ask for the customer's code; the record is recommended.")
        return redirect("desk:policies")
    return render(request, "desk/policies.html", {"form": form, "current": current})


@admin_only
@require_http_methods(["GET", "POST"])
def gst(request):
    form = GstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate = services.gst_rate_set(percent=form.cleaned_data["percent"], set_by=request.user)
        except ValidationError as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"GST is now {rate.percent}% for new quotes; existing bookings keep theirs.")
            return redirect("desk:gst")
    return render(request, "desk/gst.html", {"form": form, "current": selectors.gst_rate_current(),
                                             "history": selectors.gst_rate_history()[:50]})


@admin_only
def content_list(request):
    rows = {content.slug: content for content in selectors.content_list()}
    return render(request, "desk/content_list.html", {
        "rows": [(slug, rows.get(slug)) for slug in CONTENT_SLUGS] + [
            (slug, row) for slug, row in rows.items() if slug not in CONTENT_SLUGS]})


@admin_only
@require_http_methods(["GET", "POST"])
def content_edit(request, slug: str):
    content = selectors.content_get(slug=slug)
    if content is None and slug not in CONTENT_SLUGS:
        raise Http404
    form = ContentForm(request.POST or None, request.FILES or None,
                       initial=model_to_dict(content, CONTENT_FIELDS) if content else None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("title", "body")}
        if "image" in request.FILES or form.cleaned_data.get("image") is False:
            fields["image"] = form.cleaned_data["image"] or ""
        services.content_save(slug=slug, editor=request.user, **fields)
        messages.success(request, f"“{slug}” is published. The preview below is what visitors see.")
        return redirect("desk:content-edit", slug)
    return render(request, "desk/content_edit.html", {"form": form, "slug": slug, "content": content})


@admin_only
@require_http_methods(["GET", "POST"])
def timeslots(request, timeslot_id: int | None = None):
    """Every slot with its capacity; one is edited (or a new one added) at a time."""
    timeslot = get_object_or_404(selectors.timeslot_list(), pk=timeslot_id) if timeslot_id else None
    form = TimeslotForm(request.POST or None, prefix="slot",
                        initial=model_to_dict(timeslot, TIMESLOT_FIELDS) if timeslot else None)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            if timeslot is None:
                services.timeslot_create(**fields)
            else:
                services.timeslot_update(timeslot=timeslot, **fields)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"Slot “{fields['name']}” saved.")
            return redirect("desk:timeslots")
    return render(request, "desk/timeslots.html", {"form": form, "timeslot": timeslot,
                                                   "slots": selectors.timeslot_list().order_by("start_time")})


@admin_only
def backup_list(request):
    return render(request, "desk/backups.html", {"backups": backups.backup_list(), "kind": backups.database_kind()})


@admin_only
@require_POST
def backup_create(request):
    try:
        services.backup_queue()
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, "A backup is being made; it appears in the list when it is done.")
    return redirect("desk:backups")


def _backup_name(name: str) -> str:
    try:
        backups.backup_name_checked(name)
    except ApplicationError as error:
        raise Http404 from error
    return name


@admin_only
@require_http_methods(["GET", "POST"])
def backup_restore(request, name: str):
    form = RestoreForm(request.POST or None, name=_backup_name(name))
    if request.method == "POST" and form.is_valid():
        try:
            safety = backups.backup_restore(name=name)
        except ApplicationError as refusal:
            form_refusal(request, refusal)
        else:
            messages.success(request, f"Restored {name}. The data as it was just before is kept as {safety.name}.")
        return redirect("desk:backups")
    return render(request, "desk/backup_restore.html", {"form": form, "name": name})


@admin_only
@require_POST
def backup_delete(request, name: str):
    backups.backup_delete(name=_backup_name(name))
    messages.success(request, f"Deleted {name}.")
    return redirect("desk:backups")
