from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from bookings import money
from payments.gateway import gateway
from payments.models import Invoice, Payment, PaymentMethod, PaymentPurpose, PaymentStatus, Refund
from revcare.api.serializers import RowIdField


class VerifyInputSerializer(serializers.Serializer):
    razorpay_order_id = serializers.CharField(max_length=64)
    razorpay_payment_id = serializers.CharField(max_length=64)
    razorpay_signature = serializers.CharField(max_length=128)


class CashOnDeliveryInputSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.CASH,
                                   help_text="cash: collected now; online: a Razorpay order paid at the door")


class PaymentQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    purpose = serializers.ChoiceField(choices=PaymentPurpose.choices, required=False)
    booking_id = RowIdField(required=False)
    customer_id = serializers.RegexField(r"^CST\d{6}$", required=False)


class CheckoutSerializer(serializers.Serializer):
    """What Razorpay Checkout needs to open: amounts in paise."""

    order_id = serializers.CharField(source="gateway_order_id")
    amount = serializers.SerializerMethodField(help_text="Integer paise")
    currency = serializers.CharField()
    key_id = serializers.SerializerMethodField()
    checkout_url = serializers.SerializerMethodField(help_text="The sandbox's checkout page, when no keys are set")

    def get_amount(self, payment) -> int:
        return money.paise(payment.amount)

    def get_key_id(self, payment) -> str:
        return gateway().key_id

    def get_checkout_url(self, payment) -> str | None:
        if gateway().is_sandbox:
            return settings.SITE_URL + reverse("portal:checkout", args=[payment.gateway_order_id])
        return None


class RefundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Refund
        fields = ["id", "amount", "status", "created_at", "processed_at"]


class PaymentSerializer(serializers.ModelSerializer):
    customer_id = serializers.CharField(source="booking.customer.public_id")
    order_id = serializers.CharField(source="gateway_order_id", allow_null=True)
    payment_id = serializers.CharField(source="gateway_payment_id", allow_null=True)
    refunds = RefundSerializer(many=True)

    class Meta:
        model = Payment
        fields = ["id", "booking_id", "customer_id", "purpose", "method", "status", "amount", "currency", "order_id",
                  "payment_id", "failure_reason", "created_at", "paid_at", "refunds"]


class InvoiceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = ["number", "booking_id", "customer_name", "vehicle", "lines", "subtotal", "gst_percent", "gst",
                  "total", "payment_method", "payment_status", "issued_at", "url"]

    def get_url(self, invoice) -> str:
        return settings.SITE_URL + reverse("portal:invoice", args=[invoice.booking_id])


class WebhookAnswerSerializer(serializers.Serializer):
    result = serializers.CharField()
