"""Chain of custody at the doorstep. At a pickup or a drop the mechanic records the odometer, the fuel
level and a photo walk-round. When the garage asks for the customer's code (GarageSettings, off in a
fresh install), recording emails the customer a one-time code, the car changes hands when the mechanic
enters it, and only then can the pickup be reported received or the drop delivered; otherwise the record
is recommended, no code is sent, and the customer hears of the record through the booking's timeline.
The code is kept only as an HMAC, works once, expires, and allows a few wrong tries before a new one."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bookings.lifecycle import booking_event_record, booking_lock
from bookings.models import Booking
from bookings.signals import car_returning
from garage.selectors import garage_settings_get
from notifications.models import NotificationCategory
from notifications.services import notify
from revcare.errors import ConflictError, NotFoundError
from workshop.models import HANDOVER_STAGE, CustodyPhoto, CustodyRecord, CustodyStage
from workshop.photos import report_photos
from workshop.services.assignments import current_assignment

CODE_LIFETIME = timedelta(minutes=30)
CODE_TRIES = 5


def _digest(record_key: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"custody:{record_key}:{code}".encode(), hashlib.sha256).hexdigest()


def _stage_of(booking: Booking, mechanic: User) -> str:
    stage = HANDOVER_STAGE.get(current_assignment(booking, mechanic).assignment_type.kind)
    if stage is None:
        raise ConflictError("Only pickups and drops hand the car over.")
    return stage


@transaction.atomic
def custody_record(*, booking_id: int, mechanic: User, odometer_km: int, fuel_level: str, notes: str = "",
                   images: list = ()) -> tuple[CustodyRecord, str]:
    """The mechanic's handover record; when the garage asks for the code, emails the customer a new
    one-time code. Returns the record and the code ("" when none is asked for; the API never shows it)."""
    booking = booking_lock(booking_id)
    stage = _stage_of(booking, mechanic)
    record = CustodyRecord.objects.filter(booking=booking, stage=stage).first()
    if record is not None and record.handed_over_at is not None:
        raise ConflictError(f"The {stage} handover is already confirmed.")
    if stage == CustodyStage.DROP:
        car_returning.send(sender=Booking, booking=booking)  # payments refuses while money is due
    pickup = CustodyRecord.objects.filter(booking=booking, stage=CustodyStage.PICKUP).first()
    if stage == CustodyStage.DROP and pickup is not None and odometer_km < pickup.odometer_km:
        raise ValidationError({"odometer_km": [f"Lower than at pickup ({pickup.odometer_km} km): check the reading."]})
    images = report_photos(list(images), "images")
    if not images:
        raise ValidationError({"images": ["Take at least one photo of the car as it is handed over."]})
    now = timezone.now()
    if record is None:
        record = CustodyRecord(booking=booking, stage=stage)
    record.odometer_km, record.fuel_level, record.notes = odometer_km, fuel_level, notes
    record.recorded_by, record.recorded_at, record.code_sent_at, record.code_attempts = mechanic, now, now, 0
    record.code_digest = ""
    record.save()
    record.photos.all().delete()
    CustodyPhoto.objects.bulk_create([CustodyPhoto(record=record, image=image) for image in images])
    if not garage_settings_get().handover_code_required:
        booking_event_record(
            booking=booking, from_status=booking.status, to_status=booking.status, actor=mechanic,
            note=f"Car recorded at the {stage}: {record.odometer_km} km, fuel {record.get_fuel_level_display()}, "
                 f"{len(images)} photo{'s' if len(images) > 1 else ''}")
        return record, ""
    code = f"{secrets.randbelow(10**6):06d}"
    record.code_digest = _digest(str(record.pk), code)
    record.save(update_fields=["code_digest"])
    notify(recipient=booking.customer, category=NotificationCategory.PROGRESS_UPDATE,
           subject=f"Your handover code for {booking.car.registration_number}",
           template="custody_code", booking_id=booking.pk,
           context={"booking": booking, "record": record, "code": code, "mechanic": mechanic,
                    "minutes": int(CODE_LIFETIME.total_seconds() // 60)})
    return record, code


def custody_confirm(*, booking_id: int, mechanic: User, code: str) -> CustodyRecord:
    """The customer's code, entered by the mechanic: the car has changed hands. A wrong code counts
    against the tries (kept even though the answer is a refusal)."""
    with transaction.atomic():
        booking = booking_lock(booking_id)
        stage = _stage_of(booking, mechanic)
        record = CustodyRecord.objects.select_for_update().filter(booking=booking, stage=stage).first()
        if (record is None or not record.code_digest) and not garage_settings_get().handover_code_required:
            raise ConflictError("This garage asks for no handover code: report the car with "
                                "POST /bookings/mechanic/progress.")
        if record is None:
            raise ConflictError("Record the odometer, fuel and photos first: that sends the customer their code.")
        if record.handed_over_at is not None:
            raise ConflictError("This handover is already confirmed; a code works once.")
        if not record.code_digest:  # recorded while the garage asked for no code
            raise ConflictError("No code was sent for this record. Record the handover again to send the customer one.")
        if record.code_attempts >= CODE_TRIES:
            raise ConflictError("Too many wrong codes. Record the handover again to send the customer a new code.")
        if timezone.now() - record.code_sent_at > CODE_LIFETIME:
            raise ConflictError("The code has expired. Record the handover again to send the customer a new code.")
        right = hmac.compare_digest(record.code_digest, _digest(str(record.pk), str(code).strip()))
        if right:
            record.handed_over_at = timezone.now()
            record.save(update_fields=["handed_over_at"])
            booking_event_record(
                booking=booking, from_status=booking.status, to_status=booking.status, actor=mechanic,
                note=f"Car handed over at the {stage}: {record.odometer_km} km, fuel "
                     f"{record.get_fuel_level_display()}, confirmed with the customer's code")
            return record
        record.code_attempts += 1
        record.save(update_fields=["code_attempts"])
        left = CODE_TRIES - record.code_attempts
    raise ValidationError({"code": [f"That code is not right; {left} {'try' if left == 1 else 'tries'} left."
                                    if left else "That code is not right, and no tries are left."]})




@transaction.atomic
def custody_dispute(*, booking_id: int, stage: str, actor: User, note: str) -> CustodyRecord:
    """The customer questions a handover record (a scratch that was not there, a different reading):
    the dispute is kept on the record and the garage is told on the booking's timeline."""
    note = note.strip()
    if not 5 <= len(note) <= 1000:
        raise ValidationError({"note": ["Say in a few words what does not match (5 to 1000 characters)."]})
    booking = booking_lock(booking_id)
    record = CustodyRecord.objects.filter(booking=booking, stage=stage).first()
    if record is None:
        raise NotFoundError(f"This booking has no {stage} record.")
    if record.disputed_at is not None:
        raise ConflictError("You have already questioned this record; the garage will be in touch.")
    record.disputed_at, record.dispute_note = timezone.now(), note
    record.save(update_fields=["disputed_at", "dispute_note"])
    booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=actor,
                         note=f"The customer questions the {stage} record: {note}")
    return record
