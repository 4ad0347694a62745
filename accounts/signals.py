"""What accounts tells the apps above it, which it must not import."""

from django.dispatch import Signal

# Sent with `customer=` inside customer_anonymise's transaction, once the person's own details are wiped:
# each app above wipes what it keeps of them (garage the addresses, catalogue the cart and favourites).
# Synchronous, so their writes commit or roll back with the anonymisation.
customer_anonymised = Signal()
