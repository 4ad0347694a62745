from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self):
        from garage.models import StatusKind  # noqa: PLC0415  they use models, loaded once the registry is ready
        from garage.statuses import status_kind_register  # noqa: PLC0415  as above
        from payments import receivers  # noqa: F401, PLC0415  as above
        from payments.models import (  # noqa: PLC0415  as above
            PAYMENT_STATUS_DESCRIPTIONS,
            REFUND_STATUS_DESCRIPTIONS,
            PaymentStatus,
            RefundStatus,
        )

        status_kind_register(StatusKind.PAYMENT, PaymentStatus, PAYMENT_STATUS_DESCRIPTIONS)
        status_kind_register(StatusKind.REFUND, RefundStatus, REFUND_STATUS_DESCRIPTIONS)
