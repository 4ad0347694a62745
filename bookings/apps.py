from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"

    def ready(self):
        from bookings.services.creation import booking_places_anonymise
        from garage.signals import customer_addresses_anonymised

        customer_addresses_anonymised.connect(
            lambda sender, customer, **kwargs: booking_places_anonymise(customer=customer),
            weak=False, dispatch_uid="bookings-places-anonymise")
