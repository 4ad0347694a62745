"""Inspection evidence: the analysing mechanic's findings on the car (severity, note, photos, and the
quoted line of the booking that fixes each), added until the garage approves the analysis."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from bookings import money
from bookings.lifecycle import booking_lock
from bookings.models import BookedService, Booking
from catalogue.models import Service
from catalogue.services import price_for_class
from revcare.errors import ConflictError, NotFoundError
from revcare.roles import RoleName
from workshop.models import Analysis, Finding, FindingImage
from workshop.photos import report_photos

# Findings ----------------------------------------------------------------------------------------


def _open_analysis(booking: Booking, actor: User) -> Analysis:
    analysis = Analysis.objects.filter(booking=booking).first()
    if analysis is None or (actor.role_id == RoleName.MECHANIC and analysis.mechanic_id != actor.pk):
        if actor.role_id == RoleName.MECHANIC:
            raise NotFoundError("You have no submitted analysis on this booking.")
        raise ConflictError("Findings are added to a submitted analysis; this booking has none yet.")
    if analysis.validated_at is not None:
        raise ConflictError("The garage has approved this analysis; its findings can no longer change.")
    return analysis


def _fixing_line(booking: Booking, service: Service, price: Decimal | None, quantity: int) -> BookedService:
    """The booking's line for the service that fixes a finding: quoted at `price` when one is given, and
    added as a recommended extra when the booking does not have it yet."""
    line = booking.services.filter(service=service).first()
    if line is None:
        if price is None:
            raise ValidationError({"price": [f"Quote a price for {service.title}, which is not in the booking yet."]})
        if not service.is_active:
            raise ValidationError({"service_id": [f"{service.title} is no longer offered."]})
        return BookedService.objects.create(
            booking=booking, service=service, quantity=quantity, is_recommended=True, quoted_price=money.rupees(price),
            estimated_price=price_for_class(service=service, car_class=booking.car.car_model.car_class))
    if price is not None:
        line.quoted_price = money.rupees(price)
        line.save(update_fields=["quoted_price"])
    return line


@transaction.atomic
def finding_add(*, booking_id: int, actor: User, severity: str, note: str, service: Service | None = None,
                price: Decimal | None = None, quantity: int = 1, due_km: int | None = None,
                images: list = ()) -> Finding:
    """A finding on the car, added by its analysing mechanic (or an admin) until the analysis is approved."""
    booking = booking_lock(booking_id)
    analysis = _open_analysis(booking, actor)
    images = report_photos(list(images), "images")
    line = _fixing_line(booking, service, price, quantity) if service is not None else None
    finding = Finding.objects.create(analysis=analysis, severity=severity, note=note, line=line, due_km=due_km)
    FindingImage.objects.bulk_create([FindingImage(finding=finding, image=image) for image in images])
    return finding


@transaction.atomic
def finding_delete(*, finding_id: int, actor: User) -> None:
    finding = Finding.objects.select_related("analysis").filter(pk=finding_id).first()
    if finding is None:
        raise NotFoundError("No such finding.")
    booking_lock(finding.analysis.booking_id)
    _open_analysis(finding.analysis.booking, actor)
    finding.delete()
