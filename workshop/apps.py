from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    """The work on a booking: assignments, the mechanics' reports, custody and efficiency."""

    name = "workshop"

    def ready(self):
        from workshop import receivers  # noqa: PLC0415, F401  they use models, loaded once the registry is ready
