from django.urls import path

from payments.portal import mechanic

urlpatterns = [
    path("jobs/<id:assignment_id>/collect/", mechanic.collect_payment, name="mechanic-collect"),
    path("jobs/<id:assignment_id>/payment/", mechanic.payment_state, name="mechanic-payment-state"),
]
