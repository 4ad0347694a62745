from django.apps import AppConfig


class GarageConfig(AppConfig):
    name = "garage"

    def ready(self):
        from garage import receivers  # noqa: PLC0415  it uses models, loaded once the registry is ready
        from garage.models import StatusKind  # noqa: PLC0415  the same
        from garage.statuses import status_kind_register  # noqa: PLC0415  the same
        from notifications.models import NOTIFICATION_STATUS_DESCRIPTIONS, NotificationStatus  # noqa: PLC0415  the same

        receivers.connect()
        # notifications sits below garage, so garage registers its statuses for it
        status_kind_register(StatusKind.NOTIFICATION, NotificationStatus, NOTIFICATION_STATUS_DESCRIPTIONS)
