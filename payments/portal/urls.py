from django.urls import path

from payments.portal import views

urlpatterns = [
    path("invoices/<id:booking_id>/", views.invoice_page, name="invoice"),
    path("payments/checkout/<str:order_id>/", views.checkout, name="checkout"),
    path("payments/checkout/<str:order_id>/qr/", views.payment_qr, name="payment-qr"),
]
