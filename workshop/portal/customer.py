"""The customer's side of the work: the photos of reports and handovers, and questioning a handover record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from bookings.selectors.access import booking_visible_to
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName
from workshop.models import CustodyStage
from workshop.portal.forms import CustodyDisputeForm
from workshop.selectors.work import photo_visible_to
from workshop.services.custody import custody_dispute

customer_only = role_required(RoleName.CUSTOMER)


@customer_only
@require_POST
def custody_dispute_page(request, booking_id: int, stage: str):
    """The customer questions a handover record; the garage sees it on the booking's timeline."""
    booking = booking_visible_to(user=request.user).filter(pk=booking_id).first()
    if booking is None:
        raise Http404  # someone else's booking is as absent as one that never existed
    if stage not in CustodyStage.values:
        raise Http404
    form = CustodyDisputeForm(request.POST)
    if not form.is_valid():  # e.g. a NUL character; what the note must say is the service's rule
        form_refusal(request, form)
        return redirect("portal:booking", booking.pk)
    try:
        custody_dispute(booking_id=booking.pk, stage=stage, actor=request.user,
                        note=form.cleaned_data["note"])
    except (ValidationError, ApplicationError) as refusal:
        form_refusal(request, refusal)
    else:
        messages.success(request, "Thank you. The garage has your note and will be in touch.")
    return redirect("portal:booking", booking.pk)


@login_required
@require_GET
def booking_photo(request, kind: str, image_id: int):
    """A photo from the analysis, its findings or the progress reports, for those who may see the booking."""
    photo = photo_visible_to(user=request.user, kind=kind, image_id=image_id)
    if photo is None or not photo.image.storage.exists(photo.image.name):
        raise Http404
    response = FileResponse(photo.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response
