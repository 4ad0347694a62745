import datetime

import factory

from accounts.tests.factories import CustomerFactory
from bookings.models import BookedService, Booking, BookingStatus, PickupType
from garage.models import Timeslot
from garage.tests.factories import CustomerCarFactory


class BookingFactory(factory.django.DjangoModelFactory):
    """A self-drop-in booking. Issue 4's services create real ones; this sets a state directly so
    other apps' rules (reviews, slot capacity) can be tested against real rows."""

    class Meta:
        model = Booking

    customer = factory.SubFactory(CustomerFactory)
    car = factory.SubFactory(CustomerCarFactory, customer=factory.SelfAttribute("..customer"))
    status = BookingStatus.BOOKED
    pickup_type = PickupType.SELF
    pickup_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=2))
    pickup_timeslot = factory.LazyFunction(lambda: Timeslot.objects.get(name="Morning"))
    drop_date = factory.LazyAttribute(lambda booking: booking.pickup_date + datetime.timedelta(days=1))
    drop_timeslot = factory.LazyFunction(lambda: Timeslot.objects.get(name="Evening"))


def completed_booking_with(*, customer, service, done: bool = True) -> Booking:
    booking = BookingFactory(customer=customer, status=BookingStatus.COMPLETED)
    BookedService.objects.create(booking=booking, service=service, estimated_price=1000, quoted_price=1000,
                                 status="confirmed", is_done=done)
    return booking
