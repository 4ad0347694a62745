"""Rupee arithmetic for bookings: Decimal everywhere, half-up to the paisa, integer paise for gateways."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

PAISA = Decimal("0.01")
PRICE_LIMIT = Decimal(10) ** 8  # quoted_price is DECIMAL(10, 2)
PRICE_ERROR = "Enter a price in rupees, like 1250.00: not negative, at most two decimals, under ₹10 crore."


def price_validate(value: Decimal) -> None:
    """The one rule for a price someone types (a quote, a new price): the services check it, and the
    portal's price fields run it as their validator so the refusal lands beside the field."""
    if not value.is_finite() or value < 0 or value >= PRICE_LIMIT or value != value.quantize(PAISA):
        raise ValidationError(PRICE_ERROR, code="price")


def price_checked(value, *, field: str) -> Decimal:
    """`value` as a Decimal price, or a ValidationError naming `field`."""
    try:
        price = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValidationError({field: [PRICE_ERROR]}) from error
    try:
        price_validate(price)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return price


def rupees(value) -> Decimal:
    return Decimal(value).quantize(PAISA, rounding=ROUND_HALF_UP)


def line_total(price: Decimal, quantity: int) -> Decimal:
    return rupees(price * quantity)


def gst_on(amount: Decimal, percent: Decimal) -> Decimal:
    """GST = amount × rate / 100, rounded half-up to the paisa."""
    return rupees(amount * percent / 100)


def paise(amount: Decimal) -> int:
    return int(rupees(amount) * 100)
