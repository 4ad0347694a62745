from django.apps import AppConfig


class GarageConfig(AppConfig):
    name = "garage"

    def ready(self):
        from garage import receivers  # noqa: PLC0415  it uses models, loaded once the registry is ready

        receivers.connect()
