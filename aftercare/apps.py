from django.apps import AppConfig


class AftercareConfig(AppConfig):
    """After the visit: work left for later, the reminders that bring it back, and a car's history."""

    name = "aftercare"

    def ready(self):
        from aftercare import receivers  # noqa: PLC0415, F401  they use models, loaded once the registry is ready
