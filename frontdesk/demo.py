"""Drive bookings through the real lifecycle services, step by step: for `seed_demo` (a booking in every
status) and for tests that need a booking at a given stage."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bookings.models import AssignmentKind, Booking, BookingStatus
from bookings.services.confirmation import booking_cancel, booking_confirm_services
from bookings.services.creation import booking_check_in, booking_check_out, booking_create
from catalogue.models import Service
from garage.models import Address, Area, CarModel, CustomerCar, Timeslot
from garage.services import garage_settings_update
from payments.services import cod_collect
from workshop.models import AssignmentType, CustodyRecord, Progress
from workshop.services.assignments import booking_assign
from workshop.services.custody import custody_confirm, custody_record
from workshop.services.findings import finding_add
from workshop.services.reports import analysis_submit, analysis_validate, progress_post, progress_validate

S = BookingStatus

# The steps from a new booking to each stage: statuses, and "@" stages that stop half-way.
FETCH = ["assign:pickup", "report:received", "validate_progress"]
WORK = ["assign:analysis", "analyse", "validate_analysis", "confirm", "assign:service", "report:in-progress",
         "validate_progress"]
WORK_STOPS = {S.RECEIVED: 0, S.ANALYSIS: 1, S.ANALYSED: 2, "analysed@approved": 3, S.IN_PROGRESS: 5,
               S.COMPLETED: 7}

DOORSTEP_PATH = {
    S.BOOKED: [],
    S.PICKUP: FETCH[:1],
    "pickup@reported": FETCH[:2],
    **{stage: FETCH + WORK[:stop] for stage, stop in WORK_STOPS.items()},
    S.OUT_FOR_DELIVERY: FETCH + WORK + ["assign:drop"],
    S.DELIVERED: FETCH + WORK + ["assign:drop", "collect_cash", "report:delivered", "validate_progress"],
}
SELF_PATH = {
    S.BOOKED: [],
    **{stage: ["check_in", *WORK[:stop]] for stage, stop in WORK_STOPS.items()},
    "completed@paid": ["check_in", *WORK, "collect_cash"],
    S.DELIVERED: ["check_in", *WORK, "collect_cash", "check_out"],
}


def booking_new(*, customer, car, services_with_qty, pickup_type="doorstep", address=None, days_ahead=2,
                slot=None, created_by=None, customer_caps=True) -> Booking:
    slot = slot or Timeslot.objects.filter(is_active=True).first()
    pickup = timezone.localdate() + datetime.timedelta(days=days_ahead)
    hours = sum(float(service.time_hours) * quantity for service, quantity in services_with_qty)
    days = max(2, int(hours // 9) + 2)
    return booking_create(
        customer=customer, car=car, pickup_type=pickup_type, pickup_date=pickup, pickup_timeslot=slot,
        drop_date=pickup + datetime.timedelta(days=days), drop_timeslot=slot, created_by=created_by or customer,
        pickup_address=address, services=[{"service": s, "quantity": q} for s, q in services_with_qty],
        customer_caps=customer_caps)


def booking_drive(*, booking: Booking, to: str, admin, mechanic, analyst=None) -> Booking:
    """Take a new booking to `to` (a status, or a half-way stage from DOORSTEP_PATH)."""
    path = SELF_PATH if booking.pickup_type == "self" else DOORSTEP_PATH
    return booking_steps(booking=booking, steps=path[to], admin=admin, mechanic=mechanic, analyst=analyst)


def booking_steps(*, booking: Booking, steps: list[str], admin, mechanic, analyst=None) -> Booking:
    """Run the garage's steps (e.g. ["assign:service", "report:in-progress"]) on a booking, from where it is."""
    for step in steps:
        _run(step, booking.pk, admin=admin, mechanic=mechanic, analyst=analyst or mechanic)
    return Booking.objects.get(pk=booking.pk)


def walkround_photo(name: str = "walkround.jpg"):
    """A small real JPEG, as a tablet's camera would send."""
    buffer = io.BytesIO()
    Image.new("RGB", (48, 36), (70, 90, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def hand_over(*, booking_id: int, mechanic, odometer_km: int = 42310) -> None:
    """The doorstep handover as the mechanic and customer do it: record, then the customer's code when
    the garage asks for one."""
    pickup = CustodyRecord.objects.filter(booking_id=booking_id, stage="pickup").first()
    reading = max(odometer_km, pickup.odometer_km + 12) if pickup else odometer_km
    _, code = custody_record(booking_id=booking_id, mechanic=mechanic, odometer_km=reading,
                                      fuel_level="half", images=[walkround_photo()])
    if code:
        custody_confirm(booking_id=booking_id, mechanic=mechanic, code=code)


def _run(step: str, booking_id: int, *, admin, mechanic, analyst) -> None:
    booking = Booking.objects.get(pk=booking_id)
    name, _, argument = step.partition(":")
    if name == "assign":
        worker = analyst if argument == AssignmentKind.ANALYSIS else mechanic
        booking_assign(booking_id=booking_id, mechanic=worker,
                                assignment_type=AssignmentType.objects.get(kind=argument), assigned_by=admin)
    elif name == "report":
        if argument in (S.RECEIVED, S.DELIVERED):
            hand_over(booking_id=booking_id, mechanic=mechanic)
        done = list(booking.services.filter(status="confirmed").values_list("service_id", flat=True))
        progress_post(booking_id=booking_id, mechanic=mechanic, status=argument,
                               completed_service_ids=done if argument == S.IN_PROGRESS else [],
                               notes={"received": "Car collected", "delivered": "Keys handed over"}.get(argument, ""))
    elif name == "validate_progress":
        latest = Progress.objects.filter(booking_id=booking_id).order_by("-id").first()
        progress_validate(progress_id=latest.pk, admin=admin)
    elif name == "analyse":
        quotes = [{"service": row.service, "price": row.estimated_price} for row in booking.services.all()]
        analysis_submit(booking_id=booking_id, mechanic=analyst, quotes=quotes,
                                 description="Inspected on the lift; findings below.",
                                 recommendation="Do the booked work; nothing else urgent.")
    elif name == "validate_analysis":
        analysis_validate(booking_id=booking_id, admin=admin)
    elif name == "confirm":
        booking_confirm_services(booking_id=booking_id, actor=booking.customer, payment_method="cod",
                                          channel="portal",
                                          service_ids=list(booking.services.values_list("service_id", flat=True)))
    elif name == "collect_cash":
        collector = mechanic if booking.pickup_type == "doorstep" else admin
        cod_collect(booking_id=booking_id, collector=collector, mode="cash")
    elif name == "check_in":
        booking_check_in(booking_id=booking_id, admin=admin)
    elif name == "check_out":
        booking_check_out(booking_id=booking_id, admin=admin)
    else:
        raise ValueError(f"unknown step {step}")


# seed_demo: one booking at every stage, for the demo customers ------------------------------------

DEMO_STAGES = [
    ("doorstep", S.BOOKED), ("doorstep", S.PICKUP), ("doorstep", S.RECEIVED), ("doorstep", S.ANALYSIS),
    ("doorstep", S.ANALYSED), ("doorstep", "analysed@approved"), ("doorstep", S.IN_PROGRESS),
    ("doorstep", S.COMPLETED), ("doorstep", S.OUT_FOR_DELIVERY), ("doorstep", S.DELIVERED),
    ("self", S.BOOKED), ("self", S.DELIVERED), ("doorstep", "cancelled-after-pickup"),
]


def seed_demo_bookings(*, customers, admin, pickup_mechanic, analyst) -> int:
    """Give the demo customers bookings in every status (only once: skipped if they have any)."""
    if Booking.objects.filter(customer__in=customers).exists():
        return 0
    # The demo garage shows the doorstep handover with the customer's code (the README's tablet tour); a
    # fresh install asks for none. Set once, with the demo bookings: a later run keeps the admin's choice.
    garage_settings_update(handover_code_required=True, updated_by=admin)
    catalogue = list(Service.objects.filter(is_active=True).order_by("id"))
    areas = list(Area.objects.order_by("id"))
    models = list(CarModel.objects.order_by("id"))
    plates = ["KA01AB1234", "TN09BX4567"]
    garages = []
    for index, customer in enumerate(customers):
        car, _ = CustomerCar.objects.get_or_create(registration_number=plates[index],
                                                   defaults={"customer": customer, "car_model": models[index * 7]})
        address, _ = Address.objects.get_or_create(customer=customer, label="Home", defaults={
            "line1": f"{12 + index} Gandhi Road", "area": areas[index * 4]})
        garages.append((customer, car, address))
    for number, (pickup_type, stage) in enumerate(DEMO_STAGES):
        customer, car, address = garages[number % len(garages)]
        chosen = [(catalogue[(number * 3) % len(catalogue)], 1), (catalogue[(number * 3 + 5) % len(catalogue)], 1)]
        booking = booking_new(customer=customer, car=car, services_with_qty=chosen, pickup_type=pickup_type,
                              address=address, days_ahead=1 + number,
                              customer_caps=False)  # two demo customers hold a booking in every status
        if stage == "cancelled-after-pickup":
            booking_drive(booking=booking, to=S.RECEIVED, admin=admin, mechanic=pickup_mechanic)
            booking_cancel(booking_id=booking.pk, actor=customer, reason="Sold the car")
        elif stage in (S.ANALYSED, "analysed@approved"):
            # The quote comes with findings: one urgent with its photo and fix, one fine for now.
            booking_drive(booking=booking, to=S.ANALYSED, admin=admin, mechanic=pickup_mechanic, analyst=analyst)
            fix = booking.services.order_by("id").last()
            finding_add(booking_id=booking.pk, actor=analyst, severity="urgent", service=fix.service,
                                 note="Worn beyond the limit; it needs doing now", images=[walkround_photo()])
            finding_add(booking_id=booking.pk, actor=analyst, severity="fine",
                                 note="Tyres at 5 mm of tread: check again at the next service")
            if stage == "analysed@approved":
                analysis_validate(booking_id=booking.pk, admin=admin)
        else:
            booking_drive(booking=booking, to=stage, admin=admin, mechanic=pickup_mechanic, analyst=analyst)
    return len(DEMO_STAGES)
