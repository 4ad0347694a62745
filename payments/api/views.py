from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from bookings.selectors.access import booking_visible_to
from payments import selectors, services
from payments.api import serializers
from payments.models import PaymentStatus
from revcare.api.parsers import CHECKOUT_CALLBACK
from revcare.api.permissions import PUBLIC
from revcare.api.viewsets import ApiViewSet


class PaymentViewSet(ApiViewSet):
    output_serializer_class = serializers.PaymentSerializer
    required_scopes = {"list": "READ:PAYMENTS", "retrieve": "READ:PAYMENTS", "verify": "WRITE:PAYMENTS",
                       "verify_cod": "WRITE:PAYMENTS", "cash_on_delivery": "WRITE:PAYMENTS",
                       "invoice": "READ:PAYMENTS", "webhook": PUBLIC}
    action_parsers = {"verify": CHECKOUT_CALLBACK, "verify_cod": CHECKOUT_CALLBACK}
    filter_backends = []

    def get_authenticators(self):
        # Razorpay's webhook carries no user token; its signature is the proof.
        if getattr(self, "action_map", {}).get("post") == "webhook":
            return []
        return super().get_authenticators()

    def get_queryset(self):
        return selectors.payment_list(user=self.request.user)

    @extend_schema(parameters=[serializers.PaymentQuerySerializer])
    def list(self, request, *args, **kwargs):
        query = self.validated_query(serializers.PaymentQuerySerializer)
        return self.output_page(selectors.payment_list(user=request.user, **query))

    def _verified(self, request, data):
        if selectors.payment_for_order(user=request.user, order_id=data["razorpay_order_id"]) is None:
            raise Http404
        payment = services.payment_verify(order_id=data["razorpay_order_id"], payment_id=data["razorpay_payment_id"],
                                          signature=data["razorpay_signature"])
        return self.output(payment)

    @extend_schema(request=serializers.VerifyInputSerializer, responses={200: serializers.PaymentSerializer},
                   description="Razorpay Checkout's handler posts here (form or JSON). A good signature applies "
                               "the payment once; a bad one marks it failed and answers 400.")
    def verify(self, request):
        return self._verified(request, self.validated_input(serializers.VerifyInputSerializer))

    @extend_schema(request=serializers.VerifyInputSerializer, responses={200: serializers.PaymentSerializer},
                   description="Settles a pay-at-the-door order opened by cash-on-delivery with mode online.")
    def verify_cod(self, request):
        return self._verified(request, self.validated_input(serializers.VerifyInputSerializer))

    @extend_schema(request=serializers.CashOnDeliveryInputSerializer,
                   responses={201: serializers.PaymentSerializer, 202: serializers.CheckoutSerializer})
    def cash_on_delivery(self, request, booking_id: int):
        """At the car's return: record cash (201), or open an order to pay online at the door (202)."""
        if not booking_visible_to(user=request.user).filter(pk=booking_id).exists():
            raise Http404
        data = self.validated_input(serializers.CashOnDeliveryInputSerializer)
        payment = services.cod_collect(booking_id=booking_id, collector=request.user, mode=data["mode"])
        if payment.status == PaymentStatus.PENDING:
            return self.output(payment, status.HTTP_202_ACCEPTED, serializer_class=serializers.CheckoutSerializer)
        return self.output(payment, status.HTTP_201_CREATED)

    @extend_schema(operation_id="payment_webhook", request=None, auth=[],
                   parameters=[OpenApiParameter("X-Razorpay-Signature", str, OpenApiParameter.HEADER, required=True),
                               OpenApiParameter("X-Razorpay-Event-Id", str, OpenApiParameter.HEADER)],
                   responses={200: serializers.WebhookAnswerSerializer},
                   description="Razorpay's webhook (payment.captured, payment.failed, refund.processed), verified "
                               "over the raw body. A redelivered event answers duplicate and does nothing.")
    def webhook(self, request):
        result = services.webhook_receive(body=request.body, signature=request.headers.get("X-Razorpay-Signature", ""),
                                          event_id=request.headers.get("X-Razorpay-Event-Id", ""))
        return Response({"result": result})

    @extend_schema(responses={200: serializers.InvoiceSerializer})
    def invoice(self, request, booking_id: int):
        invoice = selectors.invoice_for_booking(user=request.user, booking_id=booking_id)
        if invoice is None:
            raise Http404
        return self.output(invoice, serializer_class=serializers.InvoiceSerializer)
