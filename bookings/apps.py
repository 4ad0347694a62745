from django.apps import AppConfig


class BookingsConfig(AppConfig):
    """A booking and its lines, consent and lifecycle (docs/architecture.md)."""

    name = "bookings"

    def ready(self):
        # They use models, loaded once the registry is ready.
        from bookings import receivers  # noqa: F401, PLC0415  connects the receivers
        from bookings.models import (  # noqa: PLC0415
            BOOKED_SERVICE_STATUS_DESCRIPTIONS,
            BOOKING_STATUS_DESCRIPTIONS,
            BookedServiceStatus,
            BookingStatus,
        )
        from bookings.selectors.access import customer_has_completed_service  # noqa: PLC0415
        from catalogue.hooks import completed_service_check_register  # noqa: PLC0415
        from garage.models import StatusKind  # noqa: PLC0415
        from garage.statuses import status_kind_register  # noqa: PLC0415

        completed_service_check_register(customer_has_completed_service)  # who may review a service
        status_kind_register(StatusKind.BOOKING, BookingStatus, BOOKING_STATUS_DESCRIPTIONS)
        status_kind_register(StatusKind.BOOKED_SERVICE, BookedServiceStatus, BOOKED_SERVICE_STATUS_DESCRIPTIONS)
