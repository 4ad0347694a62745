from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self):
        from garage.models import StatusKind
        from garage.statuses import status_kind_register
        from payments.models import PAYMENT_STATUS_DESCRIPTIONS, REFUND_STATUS_DESCRIPTIONS, PaymentStatus, RefundStatus

        status_kind_register(StatusKind.PAYMENT, PaymentStatus, PAYMENT_STATUS_DESCRIPTIONS)
        status_kind_register(StatusKind.REFUND, RefundStatus, REFUND_STATUS_DESCRIPTIONS)
