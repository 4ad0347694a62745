"""The admin desk's mechanics pages: who they are and what each is qualified for."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.portal.forms import ProfileForm
from accounts.selectors import mechanic_by_public_id
from accounts.services import staff_remove, user_set_active
from catalogue.selectors import category_list
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName
from workshop.selectors.mechanics import mechanic_list
from workshop.services.mechanics import mechanic_invite, mechanic_update

admin_only = role_required(RoleName.ADMIN)


def _mechanic(public_id: str):
    try:
        return mechanic_by_public_id(public_id=public_id)
    except ApplicationError as missing:
        raise Http404 from missing


class QualificationsForm(forms.Form):
    can_pickup_drop = forms.BooleanField(required=False, label="Collects and returns cars")
    can_analyse = forms.BooleanField(required=False, label="Inspects cars and quotes")
    categories = forms.ModelMultipleChoiceField(queryset=category_list(), required=False,
                                                widget=forms.CheckboxSelectMultiple, label="Works on")


class MechanicActiveForm(forms.Form):
    active = forms.TypedChoiceField(choices=[("1", "Reactivate"), ("0", "Deactivate")], coerce=lambda v: v == "1",
                                    error_messages={"required": "Choose reactivate or deactivate."})


class InviteForm(ProfileForm, QualificationsForm):
    """A new mechanic: their details and what they may do. They set a password from the emailed link."""


@admin_only
@require_http_methods(["GET", "POST"])
def mechanics(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mechanic = mechanic_invite(invited_by=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"{mechanic.get_full_name()} is added and emailed a link to set a password.")
            return redirect("desk:mechanics")
    return render(request, "desk/mechanics.html", {
        "form": form, "mechanics": mechanic_list(user=request.user).order_by("-is_active", "first_name")})


@admin_only
@require_http_methods(["GET", "POST"])
def mechanic_edit(request, public_id: str):
    mechanic = _mechanic(public_id)
    profile = mechanic.mechanic_profile
    form = QualificationsForm(request.POST or None, initial={
        "can_pickup_drop": profile.can_pickup_drop, "can_analyse": profile.can_analyse,
        "categories": list(profile.categories.all())})
    if request.method == "POST" and form.is_valid():
        mechanic_update(mechanic=mechanic, changed_by=request.user, **form.cleaned_data)
        messages.success(request, f"{mechanic.get_full_name()}'s qualifications are saved.")
        return redirect("desk:mechanics")
    return render(request, "portal/form_page.html", {
        "form": form, "title": f"{mechanic.get_full_name()} · {mechanic.public_id}", "submit_label": "Save",
        "back_url": reverse("desk:mechanics"), "back_label": "Mechanics",
        "intro": f"Score {profile.score}. {'Active' if mechanic.is_active else 'Deactivated'}."})


@admin_only
@require_POST
def mechanic_set_active(request, public_id: str):
    mechanic = _mechanic(public_id)
    form = MechanicActiveForm(request.POST)
    if not form.is_valid():
        form_refusal(request, form)
        return redirect("desk:mechanics")
    try:
        if form.cleaned_data["active"]:
            user_set_active(user=mechanic, is_active=True)
        else:
            staff_remove(user=mechanic, removed_by=request.user)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        state = "reactivated" if mechanic.is_active else "deactivated (their work stays on record)"
        messages.success(request, f"{mechanic.get_full_name()} is {state}.")
    return redirect("desk:mechanics")
