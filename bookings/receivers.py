"""Bookings' answers to what the apps below say happened. Connected in BookingsConfig.ready."""

from django.dispatch import receiver

from bookings.services.creation import booking_places_anonymise
from garage.signals import customer_addresses_anonymised


@receiver(customer_addresses_anonymised, dispatch_uid="bookings-places-anonymise")
def _places_anonymised(sender, customer, **kwargs):
    """The customer's account is removed: their bookings' copies of the addresses go with the addresses."""
    booking_places_anonymise(customer=customer)
