"""The customer's side of the work: the photos of reports and handovers, and questioning a handover record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from accounts.models import RoleName
from bookings.selectors.access import booking_visible_to
from revcare.errors import ApplicationError
from revcare.portal import role_required
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
    if stage not in ("pickup", "drop"):
        raise Http404
    try:
        custody_dispute(booking_id=booking.pk, stage=stage, actor=request.user,
                        note=request.POST.get("note", ""))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    except ApplicationError as refusal:
        messages.error(request, str(refusal.detail))
    else:
        messages.success(request, "Thank you. The garage has your note and will be in touch.")
    return redirect("booking", booking.pk)


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
