"""Taking bookings: creating a booking (with its slot), and the admin's check-in and check-out of cars
customers bring themselves."""

import math
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.selectors import customer_by_public_id
from bookings.lifecycle import booking_event_record, booking_lock, booking_move
from bookings.models import BookedPlace, BookedService, Booking, BookingStatus, PickupType
from bookings.signals import booking_created, car_returning
from catalogue.services import cart_remove_booked, price_for_class
from garage.models import Address, CustomerCar, Timeslot
from revcare.errors import ApplicationError, ConflictError
from revcare.roles import RoleName

S = BookingStatus


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
    today, horizon = timezone.localdate(), settings.BOOKING_HORIZON_DAYS
    if pickup_date < today:
        errors["pickup_date"] = ["The pickup date is in the past."]
    elif (pickup_date - today).days > horizon:
        errors["pickup_date"] = [f"Bookings open {horizon} days ahead: choose a pickup by "
                                 f"{today + timedelta(days=horizon):%d %b %Y}."]
    for field, slot in (("timeslot_id", pickup_timeslot), ("drop_timeslot_id", drop_timeslot)):
        if not slot.is_active:
            errors[field] = ["This timeslot is no longer offered."]
    if "timeslot_id" not in errors and pickup_date == today and pickup_timeslot.has_ended(pickup_date):
        errors["timeslot_id"] = [f"The {pickup_timeslot.name} slot has already ended today. Choose a later slot "
                                 "or another day."]
    same_day_backwards = drop_date == pickup_date and drop_timeslot.start_time < pickup_timeslot.end_time
    if drop_date < pickup_date or same_day_backwards:
        errors["drop_date"] = ["The drop must come after the pickup."]
    elif (drop_date - pickup_date).days > horizon:
        errors["drop_date"] = [f"The drop can be at most {horizon} days after the pickup."]
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


def _customer_hold_check(*, customer: User, timeslot: Timeslot, on: date) -> None:
    """One customer may hold only so many open bookings, and so many places of one slot: a free
    cancellation must not let anyone take a day's places from everyone else. The customer's row stays
    locked until the booking commits, so two bookings of theirs at once cannot both pass."""
    User.objects.select_for_update().only("pk").get(pk=customer.pk)
    held = Booking.objects.filter(customer=customer).exclude(status__in=[S.CANCELLED, S.DELIVERED])
    per_slot, overall = settings.BOOKING_MAX_PER_SLOT_PER_CUSTOMER, settings.BOOKING_MAX_OPEN_PER_CUSTOMER
    if held.filter(pickup_timeslot=timeslot, pickup_date=on).count() >= per_slot:
        raise ValidationError({"timeslot_id": [
            f"You already hold {per_slot} places of the {timeslot.name} slot on {on:%d %b %Y}, the most one "
            "customer can. Choose another slot or day."]})
    if held.count() >= overall:
        raise ValidationError({"pickup_date": [
            f"You have {overall} open bookings, the most one customer can hold. Book again once one is done "
            "or cancelled."]})


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
                   notes: str = "", reminder_token: str = "", customer_caps: bool = True) -> Booking:
    """Book services for a customer's car (by the customer, or by an admin for a phone or walk-in
    customer). `services` is [{"service": Service, "quantity": int}]. `reminder_token`: the deferred-work
    reminder the booking came from, if any. `customer_caps=False` only for seeding demo data: it skips
    the caps on one customer's open bookings."""
    if customer.role_id != RoleName.CUSTOMER:
        raise ApplicationError("Bookings are made for customers.")
    if pickup_type == PickupType.SELF:
        pickup_address = drop_address = None
    _check_booking_request(customer=customer, car=car, pickup_type=pickup_type, pickup_date=pickup_date,
                           pickup_timeslot=pickup_timeslot, drop_date=drop_date, drop_timeslot=drop_timeslot,
                           pickup_address=pickup_address, drop_address=drop_address, services=services)
    drop_address = drop_address or pickup_address
    pickup_place, drop_place = (BookedPlace.of(a) if a else BookedPlace("", "") for a in (pickup_address, drop_address))
    car_class = car.car_model.car_class
    prices = {row["service"].pk: price_for_class(service=row["service"], car_class=car_class) for row in services}
    if customer_caps:
        _customer_hold_check(customer=customer, timeslot=pickup_timeslot, on=pickup_date)
    _slot_take(timeslot=pickup_timeslot, on=pickup_date)
    booking = Booking.objects.create(
        customer=customer, car=car, pickup_type=pickup_type, pickup_date=pickup_date,
        pickup_timeslot=pickup_timeslot, pickup_address=pickup_address, drop_date=drop_date,
        drop_timeslot=drop_timeslot, drop_address=drop_address, notes=notes, created_by=created_by,
        pickup_address_text=pickup_place.text, pickup_area_text=pickup_place.area,
        drop_address_text=drop_place.text, drop_area_text=drop_place.area,
    )
    BookedService.objects.bulk_create([
        BookedService(booking=booking, service=row["service"], quantity=row["quantity"],
                      estimated_price=prices[row["service"].pk])
        for row in services
    ])
    booking_event_record(booking=booking, from_status="", to_status=S.BOOKED, actor=created_by,
                         note="Booked by the garage" if created_by.pk != customer.pk else "Booked")
    cart_remove_booked(customer=customer, service_ids=list(prices))
    booking_created.send(sender=Booking, booking=booking, service_ids=list(prices), reminder_token=reminder_token)
    return booking


@transaction.atomic
def booking_places_anonymise(*, customer: User) -> None:
    """The customer's account is removed: their bookings' copies of the addresses go with the addresses."""
    Booking.objects.filter(customer=customer, pickup_address__isnull=False).update(pickup_address_text="Removed")
    Booking.objects.filter(customer=customer, drop_address__isnull=False).update(drop_address_text="Removed")


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
    car_returning.send(sender=Booking, booking=booking)  # payments refuses while money is due
    return booking_move(booking=booking, to=S.DELIVERED, actor=admin, note="Collected by the customer")
