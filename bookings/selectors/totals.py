"""What a booking costs: line prices, totals with GST, the estimate before booking."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from bookings import money
from bookings.models import BookedService, BookedServiceStatus, Booking, BookingStatus
from catalogue.selectors import prices_for_class
from garage.selectors import gst_percent_current

S = BookingStatus


# Money -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingTotals:
    subtotal: Decimal
    gst_percent: Decimal
    gst: Decimal

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.gst


def booked_service_price(row: BookedService) -> Decimal:
    return row.quoted_price if row.quoted_price is not None else row.estimated_price


def booking_totals(booking: Booking) -> BookingTotals:
    """What the booking costs now: confirmed services once confirmed, otherwise what was asked for
    (quoted where quoted, estimated before that). GST at the booking's rate, or today's until fixed."""
    rows = [row for row in booking.services.all()
            if row.status == BookedServiceStatus.CONFIRMED
            or (row.status == BookedServiceStatus.BOOKED and not row.is_recommended and booking.confirmed_at is None)]
    subtotal = sum((money.line_total(booked_service_price(row), row.quantity) for row in rows), Decimal("0.00"))
    percent = booking.gst_percent if booking.gst_percent is not None else gst_percent_current()
    return BookingTotals(subtotal=money.rupees(subtotal), gst_percent=percent, gst=money.gst_on(subtotal, percent))


def selection_totals(booking: Booking, service_ids) -> BookingTotals:
    """What confirming these quoted services costs, at today's GST rate: the figure the customer sees
    while choosing and the amount an online payment is opened for."""
    chosen = set(service_ids)
    rows = [row for row in booking.services.all() if row.service_id in chosen]
    subtotal = sum((money.line_total(booked_service_price(row), row.quantity) for row in rows), Decimal("0.00"))
    percent = gst_percent_current()
    return BookingTotals(subtotal=money.rupees(subtotal), gst_percent=percent, gst=money.gst_on(subtotal, percent))


@dataclass(frozen=True)
class Estimate:
    """A price and time estimate before booking, from the car's class prices."""

    lines: list  # [(Service, price)]
    totals: BookingTotals
    hours: float

    @property
    def working_days(self) -> int:
        return math.ceil(self.hours / settings.WORKING_HOURS_PER_DAY) if self.hours else 0


def booking_estimate(*, car, services) -> Estimate:
    """Lines are (service, price); the price is None for a service not offered for this car's class."""
    prices = prices_for_class(services=services, car_class=car.car_model.car_class)
    lines = [(service, prices.get(service.pk)) for service in services]
    subtotal = money.rupees(sum((price for _, price in lines if price is not None), Decimal("0.00")))
    percent = gst_percent_current()
    return Estimate(lines=lines, hours=sum(float(service.time_hours) for service in services),
                    totals=BookingTotals(subtotal=subtotal, gst_percent=percent, gst=money.gst_on(subtotal, percent)))
