"""Every write to bookings. Each function that changes a booking locks it first (booking_lock) and
changes its status only through lifecycle.booking_move."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import RoleName, User
from accounts.services import mechanic_score_add
from bookings import money
from bookings.lifecycle import booking_event_record, booking_lock, booking_move
from bookings.models import (
    Analysis,
    AnalysisImage,
    Assignment,
    AssignmentType,
    BookedService,
    BookedServiceStatus,
    Booking,
    BookingStatus,
    PaymentMethod,
    PickupType,
    Progress,
    ProgressImage,
)
from bookings.selectors import selection_totals
from catalogue.services import cart_remove_booked, price_for_class
from garage.models import Address, CustomerCar, Timeslot
from garage.selectors import gst_percent_current
from payments.services import booking_settled, cancellation_settle
from revcare.db import assign_fields, delete_unless_referenced, save_unique
from revcare.errors import ApplicationError, ConflictError, NotFoundError
from revcare.uploads import photo_reencoded

S = BookingStatus

# Score for validated work (domain rules): analysis +3, service work +difficulty of what was done,
# any other phase +2.
ANALYSIS_POINTS = 3
OTHER_PHASE_POINTS = 2
CANCELLATION_MINIMUM = Decimal("100.00")


# Assignment types (master data) -----------------------------------------------------------------


@transaction.atomic
def assignment_type_create(**fields) -> AssignmentType:
    return save_unique(AssignmentType(**fields), what="assignment type", field="code")


@transaction.atomic
def assignment_type_update(*, assignment_type: AssignmentType, **fields) -> AssignmentType:
    return save_unique(assign_fields(assignment_type, fields), what="assignment type", field="code")


def assignment_type_delete(*, assignment_type: AssignmentType) -> None:
    delete_unless_referenced(assignment_type, what="assignment type")


# Creating a booking -----------------------------------------------------------------------------


def working_hours_available(*, pickup_date: date, pickup_slot: Timeslot, drop_date: date,
                            drop_slot: Timeslot) -> float:
    """Hours the garage has for the work: whole working days between pickup and drop, or on the same
    day the hours between the end of the pickup slot and the start of the drop slot."""
    if drop_date == pickup_date:
        gap = (drop_slot.start_time.hour * 60 + drop_slot.start_time.minute
               - pickup_slot.end_time.hour * 60 - pickup_slot.end_time.minute)
        return gap / 60
    return (drop_date - pickup_date).days * settings.WORKING_HOURS_PER_DAY


def _check_booking_request(*, customer: User, car: CustomerCar, pickup_type: str, pickup_date: date,
                           pickup_timeslot: Timeslot, drop_date: date, drop_timeslot: Timeslot,
                           pickup_address: Address | None, drop_address: Address | None,
                           services: list[dict]) -> None:
    errors: dict[str, list[str]] = {}
    if car.customer_id != customer.pk:
        errors["vehicle_id"] = ["Choose one of the customer's own cars."]
    if pickup_date < timezone.localdate():
        errors["pickup_date"] = ["The pickup date is in the past."]
    for field, slot in (("timeslot_id", pickup_timeslot), ("drop_timeslot_id", drop_timeslot)):
        if not slot.is_active:
            errors[field] = ["This timeslot is no longer offered."]
    same_day_backwards = drop_date == pickup_date and drop_timeslot.start_time < pickup_timeslot.end_time
    if drop_date < pickup_date or same_day_backwards:
        errors["drop_date"] = ["The drop must come after the pickup."]
    if pickup_type == PickupType.DOORSTEP:
        if pickup_address is None:
            errors["pickup_address_id"] = ["A doorstep pickup needs an address."]
        for field, address in (("pickup_address_id", pickup_address), ("drop_address_id", drop_address)):
            if address is not None and address.customer_id != customer.pk:
                errors[field] = ["Choose one of the customer's own addresses."]
    if not services:
        errors["services"] = ["Choose at least one service."]
    service_ids = [row["service"].pk for row in services]
    if len(service_ids) != len(set(service_ids)):
        errors["services"] = ["List each service once; use quantity for more."]
    inactive = [row["service"].title for row in services if not row["service"].is_active]
    if inactive:
        errors["services"] = [f"No longer offered: {', '.join(inactive)}."]
    if "drop_date" not in errors and services:
        needed = sum(float(row["service"].time_hours) * row["quantity"] for row in services)
        available = working_hours_available(pickup_date=pickup_date, pickup_slot=pickup_timeslot,
                                            drop_date=drop_date, drop_slot=drop_timeslot)
        if available < needed:
            days = math.ceil(needed / settings.WORKING_HOURS_PER_DAY)
            errors["drop_date"] = [f"The work takes about {needed:g} hours: allow at least {days} working "
                                   f"day{'s' if days > 1 else ''} between pickup and drop."]
    if errors:
        raise ValidationError(errors)


def _slot_take(*, timeslot: Timeslot, on: date) -> None:
    """Hold one unit of the slot's capacity for the day. The slot row stays locked until the booking
    commits, so concurrent bookings queue and never overfill it."""
    slot = Timeslot.objects.select_for_update().get(pk=timeslot.pk)
    held = Booking.objects.filter(pickup_timeslot=slot, pickup_date=on).exclude(status=S.CANCELLED).count()
    if held >= slot.capacity:
        raise ConflictError(f"The {slot.name} slot on {on:%d %b %Y} is full. Choose another slot or day.",
                            field="timeslot_id")


def booking_customer_for(*, actor: User, customer_public_id: str | None) -> User:
    """Customers book for themselves; admins book for a customer they name (phone or walk-in)."""
    from accounts.selectors import customer_by_public_id

    if actor.role_id == RoleName.ADMIN:
        if customer_public_id is None:
            raise ApplicationError("Say which customer the booking is for (customer_id).")
        return customer_by_public_id(public_id=customer_public_id)
    if customer_public_id not in (None, actor.public_id):
        raise ApplicationError("You can only book for yourself.", status=403)
    return actor


@transaction.atomic
def booking_create(*, customer: User, car: CustomerCar, pickup_type: str, pickup_date: date,
                   pickup_timeslot: Timeslot, drop_date: date, drop_timeslot: Timeslot, services: list[dict],
                   created_by: User, pickup_address: Address | None = None, drop_address: Address | None = None,
                   notes: str = "") -> Booking:
    """Book services for a customer's car (by the customer, or by an admin for a phone or walk-in
    customer). `services` is [{"service": Service, "quantity": int}]."""
    if customer.role_id != RoleName.CUSTOMER:
        raise ApplicationError("Bookings are made for customers.")
    if pickup_type == PickupType.SELF:
        pickup_address = drop_address = None
    _check_booking_request(customer=customer, car=car, pickup_type=pickup_type, pickup_date=pickup_date,
                           pickup_timeslot=pickup_timeslot, drop_date=drop_date, drop_timeslot=drop_timeslot,
                           pickup_address=pickup_address, drop_address=drop_address, services=services)
    drop_address = drop_address or pickup_address
    car_class = car.car_model.car_class
    prices = {row["service"].pk: price_for_class(service=row["service"], car_class=car_class) for row in services}
    _slot_take(timeslot=pickup_timeslot, on=pickup_date)
    booking = Booking.objects.create(
        customer=customer, car=car, pickup_type=pickup_type, pickup_date=pickup_date,
        pickup_timeslot=pickup_timeslot, pickup_address=pickup_address, drop_date=drop_date,
        drop_timeslot=drop_timeslot, drop_address=drop_address, notes=notes, created_by=created_by,
    )
    BookedService.objects.bulk_create([
        BookedService(booking=booking, service=row["service"], quantity=row["quantity"],
                      estimated_price=prices[row["service"].pk])
        for row in services
    ])
    booking_event_record(booking=booking, from_status="", to_status=S.BOOKED, actor=created_by,
                         note="Booked by the garage" if created_by.pk != customer.pk else "Booked")
    cart_remove_booked(customer=customer, service_ids=list(prices))
    return booking


# Assignments -------------------------------------------------------------------------------------


def _latest(queryset):
    return queryset.order_by("-id").first()


def _check_no_pending_work(booking: Booking) -> None:
    latest_progress = _latest(booking.progress_entries.all())
    if latest_progress is not None and latest_progress.validated_at is None:
        raise ConflictError("The latest progress entry awaits validation; validate it before assigning.")
    latest_assignment = _latest(booking.assignments.select_related("mechanic", "assignment_type"))
    if latest_assignment is not None and latest_assignment.closed_at is None:
        raise ConflictError(f"{latest_assignment.mechanic.get_full_name()}'s "
                            f"{latest_assignment.assignment_type.name.lower()} assignment is still open.")


def mechanic_qualification_problem(*, mechanic: User, assignment_type: AssignmentType) -> str | None:
    if mechanic.role_id != RoleName.MECHANIC or not mechanic.is_active:
        return "Choose an active mechanic."
    profile = mechanic.mechanic_profile
    if assignment_type.needs_pickup_drop and not profile.can_pickup_drop:
        return f"{mechanic.get_full_name()} is not qualified for pickup and drop."
    if assignment_type.needs_analysis and not profile.can_analyse:
        return f"{mechanic.get_full_name()} is not qualified to analyse."
    return None


@transaction.atomic
def booking_assign(*, booking_id: int, mechanic: User, assignment_type: AssignmentType,
                   assigned_by: User) -> Assignment:
    booking = booking_lock(booking_id)
    problem = mechanic_qualification_problem(mechanic=mechanic, assignment_type=assignment_type)
    if problem:
        raise ApplicationError(problem)
    _check_no_pending_work(booking)
    code, doorstep = assignment_type.code, booking.pickup_type == PickupType.DOORSTEP
    assignment = Assignment.objects.create(booking=booking, mechanic=mechanic, assignment_type=assignment_type,
                                           assigned_by=assigned_by)
    note = f"{assignment_type.name} assigned to {mechanic.get_full_name()}"
    if code == "pickup":
        if not doorstep:
            raise ConflictError("The customer brings this car in; check it in instead of assigning a pickup.")
        booking_move(booking=booking, to=S.PICKUP, actor=assigned_by, note=note)
    elif code == "analysis":
        booking_move(booking=booking, to=S.ANALYSIS, actor=assigned_by, note=note)
    elif code == "drop" and booking.status == S.CANCELLED:
        if booking.received_at is None or booking.returned_at is not None:
            raise ConflictError("Only a cancelled booking whose car is still at the garage needs a drop.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=f"{note} to return the car")
    elif code == "drop":
        if not doorstep:
            raise ConflictError("The customer collects this car; check it out instead of assigning a drop.")
        booking_move(booking=booking, to=S.OUT_FOR_DELIVERY, actor=assigned_by, note=note)
    else:
        # Service work, or a garage-defined type: the booking's status stays as it is.
        if booking.status != S.IN_PROGRESS:
            raise ConflictError(f"{assignment_type.name} work is assigned while a booking is in progress, "
                                f"not while it is {booking.status}.")
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status,
                             actor=assigned_by, note=note)
    return assignment


@transaction.atomic
def booking_check_in(*, booking_id: int, admin: User) -> Booking:
    """The customer brought the car (self pickup)."""
    booking = booking_lock(booking_id)
    if booking.pickup_type != PickupType.SELF:
        raise ConflictError("A doorstep booking is received through its pickup mechanic.")
    return booking_move(booking=booking, to=S.RECEIVED, actor=admin, note="Checked in at the garage",
                        received_at=timezone.now())


@transaction.atomic
def booking_check_out(*, booking_id: int, admin: User) -> Booking:
    """The customer collected the car (self pickup)."""
    booking = booking_lock(booking_id)
    if booking.pickup_type != PickupType.SELF:
        raise ConflictError("A doorstep booking is delivered by its drop mechanic.")
    if not booking_settled(booking):
        raise ConflictError("Collect the payment due (cash, or the customer pays online) before handing the car back.")
    return booking_move(booking=booking, to=S.DELIVERED, actor=admin, note="Collected by the customer")


def _current_assignment(booking: Booking, mechanic: User, code: str | None = None) -> Assignment:
    """The booking's latest assignment, if it is this mechanic's and still open."""
    assignment = _latest(booking.assignments.select_related("assignment_type"))
    if assignment is None or assignment.mechanic_id != mechanic.pk or assignment.closed_at is not None:
        raise ConflictError("Only the mechanic of the booking's current assignment can report on it.")
    if code is not None and assignment.assignment_type.code != code:
        raise ConflictError(f"Your current assignment is {assignment.assignment_type.name.lower()}, not {code}.")
    return assignment


def _assignment_close(assignment: Assignment) -> None:
    Assignment.objects.filter(pk=assignment.pk, closed_at__isnull=True).update(closed_at=timezone.now())


# Analysis ---------------------------------------------------------------------------------------


def _photos(images: list, field: str) -> list:
    """At most MAX_ANALYSIS_IMAGES real photos, re-encoded (see revcare.uploads)."""
    if len(images) > settings.MAX_ANALYSIS_IMAGES:
        raise ValidationError({field: [f"Attach at most {settings.MAX_ANALYSIS_IMAGES} photos."]})
    return [photo_reencoded(image, field=field) for image in images]


def _apply_quotes(booking: Booking, quotes: list[dict], *, require_all: bool) -> None:
    """Set quoted prices: [{"service": Service, "price": Decimal}] for services in the booking."""
    booked = {row.service_id: row for row in booking.services.all()}
    unknown = [row["service"].title for row in quotes if row["service"].pk not in booked]
    if unknown:
        raise ValidationError({"quotes": [f"Not in this booking: {', '.join(unknown)}."]})
    quoted = {row["service"].pk for row in quotes}
    missing = [row.service.title for row in booked.values() if not row.is_recommended and row.service_id not in quoted]
    if require_all and missing:
        raise ValidationError({"quotes": [f"Quote a price for every booked service; missing: {', '.join(missing)}."]})
    for row in quotes:
        booked_service = booked[row["service"].pk]
        booked_service.quoted_price = money.rupees(row["price"])
        booked_service.save(update_fields=["quoted_price"])


@transaction.atomic
def analysis_submit(*, booking_id: int, mechanic: User, description: str, quotes: list[dict],
                    recommendation: str = "", recommended: list[dict] = (), images: list = ()) -> Analysis:
    """The analysing mechanic's findings, a quoted price for every booked service, and extra services
    they recommend ([{"service", "quantity", "price"}])."""
    booking = booking_lock(booking_id)
    assignment = _current_assignment(booking, mechanic, "analysis")
    if Analysis.objects.filter(booking=booking).exists():
        raise ConflictError("This booking's analysis is already submitted; an admin can edit it.")
    images = _photos(list(images), "images")
    booked_ids = set(booking.services.values_list("service_id", flat=True))
    for row in recommended:
        if row["service"].pk in booked_ids:
            raise ValidationError({"recommended": [f"{row['service'].title} is already in the booking."]})
        if not row["service"].is_active:
            raise ValidationError({"recommended": [f"{row['service'].title} is no longer offered."]})
    analysis = Analysis.objects.create(booking=booking, assignment=assignment, mechanic=mechanic,
                                       description=description, recommendation=recommendation)
    AnalysisImage.objects.bulk_create([AnalysisImage(analysis=analysis, image=image) for image in images])
    _apply_quotes(booking, quotes, require_all=True)
    car_class = booking.car.car_model.car_class
    BookedService.objects.bulk_create([
        BookedService(booking=booking, service=row["service"], quantity=row.get("quantity", 1),
                      estimated_price=price_for_class(service=row["service"], car_class=car_class),
                      quoted_price=money.rupees(row["price"]), is_recommended=True)
        for row in recommended
    ])
    booking_move(booking=booking, to=S.ANALYSED, actor=mechanic, note="Analysis submitted")
    return analysis


def _analysis_for_update(booking_id: int) -> tuple[Booking, Analysis]:
    booking = booking_lock(booking_id)
    analysis = Analysis.objects.filter(booking=booking).first()
    if analysis is None:
        raise NotFoundError("This booking has no analysis yet.")
    if analysis.validated_at is not None:
        raise ConflictError("A validated analysis can no longer be changed.")
    return booking, analysis


@transaction.atomic
def analysis_edit(*, booking_id: int, admin: User, quotes: list[dict] = (), **fields) -> Analysis:
    booking, analysis = _analysis_for_update(booking_id)
    assign_fields(analysis, fields)
    analysis.edited_by, analysis.edited_at = admin, timezone.now()
    analysis.save()
    _apply_quotes(booking, list(quotes), require_all=False)
    return analysis


@transaction.atomic
def analysis_validate(*, booking_id: int, admin: User) -> Analysis:
    """Approve the quote: it is frozen, the analyst earns their points, the customer is asked to confirm."""
    booking, analysis = _analysis_for_update(booking_id)
    if booking.status != S.ANALYSED:
        raise ConflictError(f"A booking that is {booking.status} has no quote to approve.")
    Analysis.objects.filter(pk=analysis.pk, validated_at__isnull=True).update(validated_at=timezone.now(),
                                                                             validated_by=admin)
    _assignment_close(analysis.assignment)
    mechanic_score_add(mechanic=analysis.mechanic, points=ANALYSIS_POINTS)
    booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=admin,
                         note="Quote ready: please review and confirm the services")
    analysis.refresh_from_db()
    return analysis


# Progress ---------------------------------------------------------------------------------------

# What each kind of assignment reports, and the status it moves the booking to.
REPORTS = {"pickup": S.RECEIVED, "service": S.IN_PROGRESS, "drop": S.DELIVERED}


def _completed_services(booking: Booking, service_ids: list[int]) -> list[BookedService]:
    rows = list(booking.services.filter(service_id__in=service_ids, status=BookedServiceStatus.CONFIRMED))
    if len(rows) != len(set(service_ids)):
        raise ValidationError({"completed_service_ids": ["Only services the customer confirmed can be completed."]})
    already = [row.service.title for row in rows if row.is_done]
    if already:
        raise ValidationError({"completed_service_ids": [f"Already done: {', '.join(already)}."]})
    return rows


@transaction.atomic
def progress_post(*, booking_id: int, mechanic: User, status: str, notes: str = "",
                  completed_service_ids: list[int] = (), images: list = ()) -> Progress:
    booking = booking_lock(booking_id)
    assignment = _current_assignment(booking, mechanic)
    previous = _latest(booking.progress_entries.filter(mechanic=mechanic))
    if previous is not None and previous.validated_at is None:
        raise ConflictError("Your previous progress entry awaits validation by an admin.")
    code = assignment.assignment_type.code
    expected = REPORTS.get(code)
    if expected is None:
        raise ConflictError(f"{assignment.assignment_type.name} assignments report no progress.")
    if status != expected:
        raise ConflictError(f"A {code} assignment reports '{expected}', not '{status}'.")
    images = _photos(list(images), "images")
    completed = _completed_services(booking, list(completed_service_ids)) if code == "service" else []
    if code == "service" and not completed and not notes:
        raise ValidationError({"completed_service_ids": ["Report the services completed, or add a note."]})
    if code == "drop" and not booking_settled(booking):
        raise ConflictError("Collect the payment due (cash, or the customer pays online) before handing the car back.")
    progress = Progress.objects.create(booking=booking, assignment=assignment, mechanic=mechanic, status=status,
                                       notes=notes)
    progress.completed_services.set(completed)
    ProgressImage.objects.bulk_create([ProgressImage(progress=progress, image=image) for image in images])
    if code == "pickup":
        booking_move(booking=booking, to=S.RECEIVED, actor=mechanic, note=notes or "Car received",
                     received_at=timezone.now())
    elif code == "drop" and booking.status == S.CANCELLED:
        booking.returned_at = timezone.now()
        booking.save(update_fields=["returned_at", "updated_at"])
        booking_event_record(booking=booking, from_status=S.CANCELLED, to_status=S.CANCELLED, actor=mechanic,
                             note=notes or "Car returned to the customer")
    elif code == "drop":
        booking_move(booking=booking, to=S.DELIVERED, actor=mechanic, note=notes or "Car delivered")
    else:
        done = ", ".join(row.service.title for row in completed)
        booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=mechanic,
                             note=f"Done: {done}" if done else notes)
    return progress


def _progress_for_update(progress_id: int) -> tuple[Booking, Progress]:
    booking_id = Progress.objects.filter(pk=progress_id).values_list("booking_id", flat=True).first()
    if booking_id is None:
        raise NotFoundError("No such progress entry.")
    booking = booking_lock(booking_id)
    progress = Progress.objects.select_related("assignment__assignment_type", "mechanic").get(pk=progress_id)
    if progress.validated_at is not None:
        raise ConflictError("This progress entry is already validated and can no longer change.")
    return booking, progress


@transaction.atomic
def progress_edit(*, progress_id: int, admin: User, notes: str | None = None,
                  completed_service_ids: list[int] | None = None) -> Progress:
    booking, progress = _progress_for_update(progress_id)
    if notes is not None:
        progress.notes = notes
    progress.edited_by, progress.edited_at = admin, timezone.now()
    progress.save()
    if completed_service_ids is not None and progress.assignment.assignment_type.code == "service":
        progress.completed_services.set(_completed_services(booking, completed_service_ids))
    return progress


@transaction.atomic
def progress_validate(*, progress_id: int, admin: User) -> Progress:
    """Accept a progress entry, once: the services it reports are marked done, the mechanic earns their
    points, and the phase (or, when every confirmed service is done, the work) is closed."""
    booking, progress = _progress_for_update(progress_id)
    claimed = Progress.objects.filter(pk=progress.pk, validated_at__isnull=True).update(
        validated_at=timezone.now(), validated_by=admin)
    if claimed != 1:
        raise ConflictError("This progress entry is already validated.")
    if progress.assignment.assignment_type.code == "service":
        completed = list(progress.completed_services.select_related("service"))
        BookedService.objects.filter(pk__in=[row.pk for row in completed]).update(is_done=True)
        mechanic_score_add(mechanic=progress.mechanic, points=sum(row.service.difficulty for row in completed))
        remaining = booking.services.filter(status=BookedServiceStatus.CONFIRMED, is_done=False).exists()
        done = ", ".join(row.service.title for row in completed)
        if not remaining:
            _assignment_close(progress.assignment)
            booking_move(booking=booking, to=S.COMPLETED, actor=admin, note="All confirmed work is done")
        elif done:
            booking_event_record(booking=booking, from_status=booking.status, to_status=booking.status, actor=admin,
                                 note=f"Checked by the garage: {done} done")
    else:
        mechanic_score_add(mechanic=progress.mechanic, points=OTHER_PHASE_POINTS)
        _assignment_close(progress.assignment)
    progress.refresh_from_db()
    return progress


# Confirming and cancelling ------------------------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    booking: Booking
    payment: object | None  # the online payment to complete, when paying online


def _selection_apply(booking: Booking, service_ids: list[int]) -> None:
    chosen = set(service_ids)
    for row in booking.services.all():
        row.status = BookedServiceStatus.CONFIRMED if row.service_id in chosen else BookedServiceStatus.REJECTED
        row.save(update_fields=["status"])


@transaction.atomic
def booking_confirm_services(*, booking_id: int, actor: User, service_ids: list[int],
                             payment_method: str) -> Confirmation:
    """The customer picks which quoted and recommended services to have done and how to pay. Cash on
    delivery starts the work at once; online holds the choice (prices and GST rate included) on a
    Razorpay order until the payment is verified."""
    from payments.models import PaymentPurpose
    from payments.services import online_payment_start

    booking = booking_lock(booking_id)
    if booking.status != S.ANALYSED:
        raise ConflictError(f"Services are confirmed after the analysis, not while the booking is {booking.status}.")
    if not Analysis.objects.filter(booking=booking, validated_at__isnull=False).exists():
        raise ConflictError("The quote is still being checked by the garage; you will be told when it is ready.")
    rows = {row.service_id: row for row in booking.services.all()}
    if not service_ids or any(service_id not in rows for service_id in service_ids):
        raise ValidationError({"service_ids": ["Choose at least one of the quoted services of this booking."]})
    if payment_method == PaymentMethod.ONLINE:
        totals = selection_totals(booking, service_ids)
        payment = online_payment_start(
            booking=booking, purpose=PaymentPurpose.SERVICES, amount=totals.total,
            confirmation={"service_ids": sorted(set(service_ids)), "gst_percent": str(totals.gst_percent),
                          "confirmed_by": actor.pk})
        return Confirmation(booking=booking, payment=payment)
    percent = gst_percent_current()
    _selection_apply(booking, service_ids)
    booking_move(booking=booking, to=S.IN_PROGRESS, actor=actor, note="Services confirmed, cash on delivery",
                 gst_percent=percent, payment_method=payment_method, confirmed_at=timezone.now())
    return Confirmation(booking=booking, payment=None)


@transaction.atomic
def booking_confirm_paid(*, booking_id: int, confirmation: dict) -> Booking:
    """An online payment for the held choice was verified: the work starts, at the prices and GST rate
    the customer paid for."""
    booking = booking_lock(booking_id)
    _selection_apply(booking, confirmation["service_ids"])
    return booking_move(booking=booking, to=S.IN_PROGRESS, actor=None, note="Paid online; services confirmed",
                        gst_percent=Decimal(confirmation["gst_percent"]), payment_method=PaymentMethod.ONLINE,
                        confirmed_at=timezone.now())


@dataclass(frozen=True)
class Cancellation:
    booking: Booking
    fee: Decimal
    gst: Decimal
    refund: Decimal

    @property
    def total(self) -> Decimal:
        return self.fee + self.gst


def cancellation_fee(booking: Booking) -> Decimal:
    """Before GST. Free until the car is received; then ₹100; once work has started, the share of the
    confirmed work already done (price × difficulty of done services over the difficulty of all
    confirmed services), never below ₹100."""
    if booking.status in (S.BOOKED, S.PICKUP):
        return Decimal("0.00")
    if booking.status in (S.RECEIVED, S.ANALYSIS, S.ANALYSED):
        return CANCELLATION_MINIMUM
    confirmed = list(booking.services.filter(status=BookedServiceStatus.CONFIRMED).select_related("service"))
    total_difficulty = sum(row.service.difficulty for row in confirmed)
    done_value = sum((money.line_total(row.quoted_price, row.quantity) * row.service.difficulty
                      for row in confirmed if row.is_done), Decimal("0"))
    share = money.rupees(done_value / total_difficulty) if total_difficulty else Decimal("0.00")
    return max(share, CANCELLATION_MINIMUM)


def cancellation_charge(booking: Booking) -> tuple[Decimal, Decimal, Decimal]:
    """(fee, GST on it, GST rate) were the booking cancelled now: what the customer is shown before
    cancelling and what booking_cancel charges."""
    fee = cancellation_fee(booking)
    percent = booking.gst_percent if booking.gst_percent is not None else gst_percent_current()
    return fee, money.gst_on(fee, percent), percent


CANCELLABLE = (S.BOOKED, S.PICKUP, S.RECEIVED, S.ANALYSIS, S.ANALYSED, S.IN_PROGRESS)


@transaction.atomic
def booking_cancel(*, booking_id: int, actor: User, reason: str = "") -> Cancellation:
    booking = booking_lock(booking_id)
    if booking.status not in CANCELLABLE:
        raise ConflictError(f"A booking that is {booking.status} can no longer be cancelled.")
    fee, gst, percent = cancellation_charge(booking)
    refund = cancellation_settle(booking=booking, fee_total=fee + gst)
    money_note = f"Fee ₹{fee + gst} including GST" + (f"; ₹{refund} will be refunded" if refund else "")
    booking_move(booking=booking, to=S.CANCELLED, actor=actor, note=f"{reason or 'Cancelled'}. {money_note}.",
                 cancelled_at=timezone.now(), cancellation_fee=fee, cancellation_fee_gst=gst, gst_percent=percent)
    return Cancellation(booking=booking, fee=fee, gst=gst, refund=refund)

