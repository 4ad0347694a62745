"""Rupee arithmetic for bookings: Decimal everywhere, half-up to the paisa, integer paise for gateways."""

from decimal import ROUND_HALF_UP, Decimal

PAISA = Decimal("0.01")


def rupees(value) -> Decimal:
    return Decimal(value).quantize(PAISA, rounding=ROUND_HALF_UP)


def line_total(price: Decimal, quantity: int) -> Decimal:
    return rupees(price * quantity)


def gst_on(amount: Decimal, percent: Decimal) -> Decimal:
    """GST = amount × rate / 100, rounded half-up to the paisa."""
    return rupees(amount * percent / 100)


def paise(amount: Decimal) -> int:
    return int(rupees(amount) * 100)
