from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    """The work on a booking: assignments, the mechanics' reports, custody and efficiency."""

    name = "workshop"

    def ready(self):
        from workshop import receivers  # noqa: F401 - connects the receivers once the models are loaded
