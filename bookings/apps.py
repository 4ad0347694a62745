from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"

    def ready(self):
        from bookings.models import (
            BOOKED_SERVICE_STATUS_DESCRIPTIONS,
            BOOKING_STATUS_DESCRIPTIONS,
            BookedServiceStatus,
            BookingStatus,
        )
        from bookings.selectors import customer_has_completed_service
        from bookings.services import booking_places_anonymise
        from catalogue.hooks import completed_service_check_register
        from garage.models import StatusKind
        from garage.signals import customer_addresses_anonymised
        from garage.statuses import status_kind_register

        customer_addresses_anonymised.connect(
            lambda sender, customer, **kwargs: booking_places_anonymise(customer=customer),
            weak=False, dispatch_uid="bookings-places-anonymise")
        completed_service_check_register(customer_has_completed_service)  # who may review a service
        status_kind_register(StatusKind.BOOKING, BookingStatus, BOOKING_STATUS_DESCRIPTIONS)
        status_kind_register(StatusKind.BOOKED_SERVICE, BookedServiceStatus, BOOKED_SERVICE_STATUS_DESCRIPTIONS)
