from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    """Where a booking is seen whole: the admin desk (the garage's day, its queue, the booking page the work
    is run from) and the booking's detail in the API. It composes bookings, workshop, aftercare and payments,
    so it sits on top of them (docs/architecture.md)."""

    name = "frontdesk"

    def ready(self):
        from frontdesk import receivers  # noqa: PLC0415, F401  they use models, loaded once the registry is ready
