"""Every write to places, vehicles and the garage's settings."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

from accounts.models import User
from garage import tasks
from garage.models import Address, Area, Content, CustomerCar, GarageSettings, GstRate, Status, Timeslot
from garage.signals import customer_addresses_anonymised
from garage.statuses import status_codes, status_defaults
from revcare.db import assign_fields, delete_unless_referenced, save_unique
from revcare.errors import ApplicationError, ConflictError
from revcare.roles import RoleName
from revcare.uploads import photo_reencoded

# KA01AB1234, TN9X1234, and the Bharat series 22BH1234AA.
_REGISTRATION = re.compile(r"^(?:[A-Z]{2}[0-9]{1,2}[A-Z]{0,3}[0-9]{4}|[0-9]{2}BH[0-9]{4}[A-Z]{1,2})$")


def registration_number_normalise(value: str) -> str:
    """ "ka-01 ab 1234" → "KA01AB1234"; raises ValidationError when it is no Indian registration."""
    normalised = re.sub(r"[\s.-]", "", value).upper()
    if not _REGISTRATION.match(normalised):
        raise ValidationError({"registration_number": ["Enter a registration number like KA01AB1234."]})
    return normalised


# Reference data (areas, manufacturers, fuel types, car classes, car models) ------------------------


@transaction.atomic
def reference_row_create(*, model: type[models.Model], **fields) -> models.Model:
    return save_unique(model(**fields), what=model._meta.verbose_name)


@transaction.atomic
def reference_row_update(*, row: models.Model, **fields) -> models.Model:
    return save_unique(assign_fields(row, fields), what=row._meta.verbose_name)


def reference_row_delete(*, row: models.Model) -> None:
    delete_unless_referenced(row, what=row._meta.verbose_name)


# Addresses --------------------------------------------------------------------------------------


def _require_customer(customer: User) -> None:
    if customer.role_id != RoleName.CUSTOMER:
        raise ApplicationError("Addresses and cars belong to customers.")


@transaction.atomic
def address_create(*, customer: User, label: str, line1: str, area: Area, line2: str = "") -> Address:
    _require_customer(customer)
    return Address.objects.create(customer=customer, label=label, line1=line1, line2=line2, area=area)


@transaction.atomic
def address_update(*, address: Address, **fields) -> Address:
    assign_fields(address, fields).save()
    return address


def address_delete(*, address: Address) -> None:
    delete_unless_referenced(address, what="address")


def customer_addresses_anonymise(*, customer: User) -> None:
    """Keep the rows bookings point at, without the street address."""
    Address.objects.filter(customer=customer).update(label="Removed", line1="Removed", line2="")
    customer_addresses_anonymised.send(sender=Address, customer=customer)


# Customers' cars --------------------------------------------------------------------------------


@transaction.atomic
def customer_car_create(*, customer: User, car_model, registration_number: str, nickname: str = "") -> CustomerCar:
    _require_customer(customer)
    car = CustomerCar(customer=customer, car_model=car_model, nickname=nickname,
                      registration_number=registration_number_normalise(registration_number))
    return save_unique(car, what="car with this registration number", field="registration_number")


@transaction.atomic
def customer_car_update(*, car: CustomerCar, **fields) -> CustomerCar:
    if "registration_number" in fields:
        fields["registration_number"] = registration_number_normalise(fields["registration_number"])
    return save_unique(assign_fields(car, fields), what="car with this registration number",
                       field="registration_number")


def customer_car_delete(*, car: CustomerCar) -> None:
    delete_unless_referenced(car, what="car (it has bookings)")


# Timeslots and statuses -------------------------------------------------------------------------


def _check_timeslot_window(timeslot: Timeslot) -> None:
    if timeslot.end_time <= timeslot.start_time:
        raise ValidationError({"end_time": ["The slot must end after it starts."]})


@transaction.atomic
def timeslot_create(**fields) -> Timeslot:
    timeslot = Timeslot(**fields)
    _check_timeslot_window(timeslot)
    return save_unique(timeslot, what="timeslot", field="name")


@transaction.atomic
def timeslot_update(*, timeslot: Timeslot, **fields) -> Timeslot:
    assign_fields(timeslot, fields)
    _check_timeslot_window(timeslot)
    return save_unique(timeslot, what="timeslot", field="name")


def timeslot_delete(*, timeslot: Timeslot) -> None:
    delete_unless_referenced(timeslot, what="timeslot (bookings use it; deactivate it instead)")


FIXED_STATUSES = "Statuses are fixed in code; only their name and description change."


@transaction.atomic
def status_create(*, kind: str, code: str, **fields) -> Status:
    """Every status of the apps' enums has a row already (409); a code no enum has is refused (422)."""
    codes = status_codes(kind)
    if code not in codes:
        raise ValidationError({"code": [f"Not a {kind} status (one of: {', '.join(codes)}). {FIXED_STATUSES}"]})
    return save_unique(Status(kind=kind, code=code, sort_order=codes.index(code), **fields), what="status")


@transaction.atomic
def status_update(*, status: Status, kind: str | None = None, code: str | None = None, **fields) -> Status:
    """Relabel a status (name, description); its kind and code are the enum's and cannot change."""
    for field, value in (("kind", kind), ("code", code)):
        if value is not None and value != getattr(status, field):
            raise ValidationError({field: [FIXED_STATUSES]})
    assign_fields(status, fields).save()
    return status


def status_delete(*, status: Status) -> None:
    raise ConflictError(f"The {status.kind} status {status.code} is fixed in code and cannot be deleted.")


@transaction.atomic
def status_rows_sync() -> None:
    """Every registered status has a row (a missing one gets the enum's label and description; existing
    labels are kept, the order follows the enum); a row for a code no enum has is deleted (nothing refers
    to a Status row)."""
    known = set()
    for default in status_defaults():
        known.add((default.kind, default.code))
        row, created = Status.objects.get_or_create(kind=default.kind, code=default.code, defaults={
            "name": default.name, "description": default.description, "sort_order": default.sort_order})
        if not created and row.sort_order != default.sort_order:
            Status.objects.filter(pk=row.pk).update(sort_order=default.sort_order)
    Status.objects.filter(pk__in=[row.pk for row in Status.objects.all() if (row.kind, row.code) not in known]).delete()


# Content and GST --------------------------------------------------------------------------------


@transaction.atomic
def content_save(*, slug: str, editor: User, **fields) -> Content:
    """Create or update a CMS entry, recording who changed it (and, by auto_now, when)."""
    content = Content.objects.select_for_update().filter(slug=slug).first() or Content(slug=slug)
    if fields.get("image"):
        fields["image"] = photo_reencoded(fields["image"], field="image")
    assign_fields(content, fields)
    content.updated_by = editor
    content.save()
    return content


@transaction.atomic
def garage_settings_update(*, handover_code_required: bool, updated_by: User | None) -> GarageSettings:
    """Change the garage's policies, recording who did (and, by auto_now, when)."""
    garage_settings, _ = GarageSettings.objects.select_for_update().get_or_create(pk=GarageSettings.SINGLE_ROW_ID)
    garage_settings.handover_code_required = handover_code_required
    garage_settings.updated_by = updated_by
    garage_settings.save()
    return garage_settings


@transaction.atomic
def gst_rate_set(*, percent: Decimal, set_by: User) -> GstRate:
    """A new active GST rate. Bookings keep the rate they were priced with."""
    if percent < 0 or percent > 28 or percent.as_tuple().exponent < -2:
        raise ValidationError({"percent": ["GST is a percentage from 0 to 28 with at most two decimals."]})
    return GstRate.objects.create(percent=percent, set_by=set_by)



def backup_queue() -> None:
    """Ask a worker for a backup. With the broker unreachable nothing can take the request, so it is
    refused (503: ask again shortly) rather than lost or left to hang the page."""
    try:
        tasks.backup_create.delay()
    except BrokerUnavailable as error:
        raise ApplicationError("Backups cannot be queued right now: the task queue is unreachable. "
                               "Try again in a minute.", status=503, retry_after=60) from error
