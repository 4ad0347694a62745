"""Money received and given back: payments (online through Razorpay, or cash), refunds, the gateway's
webhook events, and invoices. Amounts are Decimal rupees including GST; Razorpay sees integer paise."""

from django.conf import settings
from django.db import models


class PaymentPurpose(models.TextChoices):
    SERVICES = "services", "Confirmed services, paid online up front"
    DELIVERY = "delivery", "Cash-on-delivery bill, settled at the door"
    CANCELLATION_FEE = "cancellation_fee", "Cancellation fee, collected when the car is returned"


class PaymentMethod(models.TextChoices):
    ONLINE = "online"
    CASH = "cash"


class PaymentStatus(models.TextChoices):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"


# What each status means, shown beside its label in `/utils/status` (registered with garage by PaymentsConfig).
PAYMENT_STATUS_DESCRIPTIONS = {
    PaymentStatus.PENDING: "Waiting for payment.",
    PaymentStatus.PAID: "Payment received.",
    PaymentStatus.FAILED: "The payment attempt failed.",
}


class Payment(models.Model):
    booking = models.ForeignKey("bookings.Booking", on_delete=models.PROTECT, related_name="payments")
    purpose = models.CharField(max_length=20, choices=PaymentPurpose.choices)
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Rupees, GST included")
    currency = models.CharField(max_length=3, default="INR")
    gateway_order_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    gateway_payment_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # What an online payment for services will confirm once it is paid (the booking waits till then).
    confirmation = models.JSONField(default=dict, blank=True)
    failure_reason = models.CharField(max_length=300, blank=True)
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["booking", "status"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ₹{self.amount} ({self.status})"


class RefundStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSED = "processed"
    FAILED = "failed"


REFUND_STATUS_DESCRIPTIONS = {
    RefundStatus.PENDING: "Refund requested from the gateway.",
    RefundStatus.PROCESSED: "Refund completed.",
    RefundStatus.FAILED: "The gateway refused the refund.",
}


class Refund(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    gateway_refund_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Refund ₹{self.amount} of payment {self.payment_id} ({self.status})"


class WebhookEvent(models.Model):
    """Each Razorpay event once: a redelivered event finds its id here and does nothing."""

    event_id = models.CharField(max_length=100, unique=True)
    event = models.CharField(max_length=60)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id}"


class InvoiceCounter(models.Model):
    """The last invoice number of each year, locked while an invoice is issued: no gaps, no repeats."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Invoice(models.Model):
    number = models.CharField(max_length=20, unique=True)
    booking = models.OneToOneField("bookings.Booking", on_delete=models.PROTECT, related_name="invoice")
    customer_name = models.CharField(max_length=170)
    vehicle = models.CharField(max_length=40)
    lines = models.JSONField(help_text="[{title, quantity, unit_price, amount}] as issued")
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    gst_percent = models.DecimalField(max_digits=4, decimal_places=2)
    gst = models.DecimalField(max_digits=12, decimal_places=2)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    payment_method = models.CharField(max_length=10)
    payment_status = models.CharField(max_length=10)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.number
