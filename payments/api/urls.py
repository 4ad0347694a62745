from django.urls import path

from payments.api import views

payment = views.PaymentViewSet.as_view

urlpatterns = [
    path("payment/", payment({"get": "list"}), name="payment-list"),
    path("payment/<id:pk>", payment({"get": "retrieve"}), name="payment-detail"),
    path("payment/verify", payment({"post": "verify"}), name="payment-verify"),
    path("payment/verify-cod", payment({"post": "verify_cod"}), name="payment-verify-cod"),
    path("payment/webhook", payment({"post": "webhook"}), name="payment-webhook"),
    path("payment/cash-on-delivery/<id:booking_id>", payment({"post": "cash_on_delivery"}),
         name="payment-cash-on-delivery"),
    path("payment/invoices/<id:booking_id>", payment({"get": "invoice"}), name="payment-invoice"),
]
