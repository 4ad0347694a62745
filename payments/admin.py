from django.contrib import admin

from payments.models import Invoice, InvoiceCounter, Payment, Refund, WebhookEvent
from revcare.admin import ReadOnlyModelAdmin as FinancialRecordAdmin
from revcare.admin import related_link


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    can_delete = False
    readonly_fields = ["amount", "status", "gateway_refund_id", "attempts", "last_error", "created_at", "processed_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(FinancialRecordAdmin):
    list_display = ["id", related_link("booking"), "purpose", "method", "status", "amount", "gateway_order_id",
                    "paid_at"]
    list_filter = ["status", "method", "purpose"]
    search_fields = ["gateway_order_id", "gateway_payment_id", "booking__id", "booking__customer__public_id"]
    list_select_related = ["booking"]
    inlines = [RefundInline]


@admin.register(Refund)
class RefundAdmin(FinancialRecordAdmin):
    list_display = ["id", related_link("payment"), "amount", "status", "attempts", "created_at", "processed_at"]
    list_filter = ["status"]


@admin.register(WebhookEvent)
class WebhookEventAdmin(FinancialRecordAdmin):
    list_display = ["event_id", "event", "received_at"]
    list_filter = ["event"]
    search_fields = ["event_id"]


@admin.register(Invoice)
class InvoiceAdmin(FinancialRecordAdmin):
    list_display = ["number", related_link("booking"), "customer_name", "total", "payment_method", "issued_at"]
    search_fields = ["number", "customer_name", "vehicle"]


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(FinancialRecordAdmin):
    list_display = ["year", "last_value"]
