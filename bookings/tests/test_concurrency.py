"""Races on PostgreSQL: many requests at once, exactly one effect each."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from bookings.models import Booking
from bookings.services.confirmation import booking_cancel, booking_confirm_services
from bookings.services.creation import booking_create
from bookings.tests.flow import BookingFlow
from catalogue.tests.factories import ServiceFactory
from conftest import requires_postgres
from frontdesk.demo import booking_drive
from garage.models import Timeslot
from garage.tests.factories import CustomerCarFactory
from revcare.errors import ApplicationError
from workshop.models import MechanicProfile, Progress
from workshop.services.reports import progress_validate

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_at_once(count: int, work) -> tuple[list, list]:
    """Start `count` threads together; each runs work(index). Returns (results, errors)."""
    results, errors = [], []
    start = threading.Barrier(count)

    def runner(index: int) -> None:
        try:
            start.wait()
            results.append(work(index))
        except Exception as error:  # collected: the test asserts which ones failed and why
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_thirty_parallel_bookings_into_a_slot_of_five_leave_exactly_five():
    slot = Timeslot.objects.get(name="Morning")
    slot.capacity = 5
    slot.save()
    service = ServiceFactory()
    cars = [CustomerCarFactory(customer=CustomerFactory()) for _ in range(30)]
    pickup = timezone.localdate() + datetime.timedelta(days=3)

    def book(index: int):
        car = cars[index]
        return booking_create(
            customer=car.customer, car=car, pickup_type="self", pickup_date=pickup, pickup_timeslot=slot,
            drop_date=pickup + datetime.timedelta(days=2), drop_timeslot=slot, created_by=car.customer,
            services=[{"service": service, "quantity": 1}])

    booked, refused = run_at_once(30, book)

    assert len(booked) == 5
    assert len(refused) == 25 and all(error.status == 409 and "is full" in str(error) for error in refused)
    assert Booking.objects.filter(pickup_date=pickup, pickup_timeslot=slot).count() == 5


def test_parallel_bookings_by_one_customer_cannot_pass_the_caps_together(settings):
    """Issue 15.11: the customer's row is locked while a booking is checked, so the caps hold under a race."""
    slot = Timeslot.objects.get(name="Morning")
    slot.capacity = 9
    slot.save()
    service = ServiceFactory()
    customer = CustomerFactory()
    cars = [CustomerCarFactory(customer=customer) for _ in range(8)]
    first_day = timezone.localdate() + datetime.timedelta(days=3)

    def book(index: int, *, on: datetime.date):
        return booking_create(
            customer=customer, car=cars[index], pickup_type="self", pickup_date=on, pickup_timeslot=slot,
            drop_date=on + datetime.timedelta(days=2), drop_timeslot=slot, created_by=customer,
            services=[{"service": service, "quantity": 1}])

    one_slot, refused = run_at_once(6, lambda index: book(index, on=first_day))
    assert len(one_slot) == settings.BOOKING_MAX_PER_SLOT_PER_CUSTOMER == 2
    assert len(refused) == 4 and all("timeslot_id" in error.message_dict for error in refused)

    other_days, refused = run_at_once(
        8, lambda index: book(index, on=first_day + datetime.timedelta(days=1 + index)))
    assert len(other_days) == settings.BOOKING_MAX_OPEN_PER_CUSTOMER - 2 == 3
    assert len(refused) == 5 and all("pickup_date" in error.message_dict for error in refused)
    assert Booking.objects.filter(customer=customer).count() == 5


def test_eight_parallel_validations_of_one_progress_award_the_score_once():
    mechanic = MechanicFactory()
    flow = BookingFlow(customer=CustomerFactory(), admin=AdminFactory(), mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    flow.ok(flow.report("received"), 201)
    progress = Progress.objects.get(booking_id=flow.booking_id)

    validated, refused = run_at_once(
        8, lambda index: progress_validate(progress_id=progress.pk, admin=flow.admin))

    assert len(validated) == 1
    assert len(refused) == 7 and all(isinstance(error, ApplicationError) and error.status == 409
                                     for error in refused)
    assert MechanicProfile.objects.get(user=mechanic).score == 2


def test_parallel_cancellations_cancel_once():
    flow = BookingFlow(customer=CustomerFactory(), admin=AdminFactory(), mechanic=MechanicFactory())
    flow.to_received()

    cancelled, refused = run_at_once(
        5, lambda index: booking_cancel(booking_id=flow.booking_id, actor=flow.customer))

    assert len(cancelled) == 1 and len(refused) == 4
    assert flow.booking.events.filter(to_status="cancelled").count() == 1


def test_parallel_confirmations_of_one_quote_start_the_work_once():
    flow = BookingFlow(customer=CustomerFactory(), admin=AdminFactory(), mechanic=MechanicFactory())
    flow.create("doorstep")
    booking = booking_drive(booking=flow.booking, to="analysed@approved", admin=flow.admin, mechanic=flow.mechanic)
    service_ids = list(booking.services.values_list("service_id", flat=True))

    confirmed, refused = run_at_once(8, lambda index: booking_confirm_services(
        booking_id=booking.pk, actor=flow.customer, service_ids=service_ids, payment_method="cod", channel="api"))

    assert len(confirmed) == 1 and len(refused) == 7 and all(error.status == 409 for error in refused)
    assert booking.events.filter(to_status="in-progress").count() == 1
