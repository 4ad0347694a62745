from django.apps import AppConfig


class BookingsConfig(AppConfig):
    """A booking and its lines, consent and lifecycle (docs/architecture.md)."""

    name = "bookings"

    def ready(self):
        from bookings import receivers  # noqa: F401 - connects the receivers once the models are loaded
