from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"

    def ready(self):
        from catalogue import receivers, signals  # noqa: PLC0415  they use models, loaded once the registry is ready

        signals.connect()
        receivers.connect()
