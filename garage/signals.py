"""What garage tells the apps above it, which it must not import."""

from django.dispatch import Signal

# Sent with `customer=` once that customer's addresses are wiped (account removal): copies of them
# elsewhere (a booking's address as it was when booked) are wiped too.
customer_addresses_anonymised = Signal()
