from django.urls import path

from bookings.portal import mechanic

urlpatterns = [
    path("", mechanic.today, name="today"),
    path("history/", mechanic.history, name="history"),
    path("jobs/<id:assignment_id>/", mechanic.job_page, name="job"),
    path("jobs/<id:assignment_id>/collect/", mechanic.collect_payment, name="collect"),
    path("jobs/<id:assignment_id>/findings/", mechanic.finding_add, name="finding-add"),
    path("jobs/<id:assignment_id>/handover/", mechanic.handover_record, name="handover"),
    path("jobs/<id:assignment_id>/car/", mechanic.car_history, name="car-history"),
    path("jobs/<id:assignment_id>/handover/confirm/", mechanic.handover_confirm, name="handover-confirm"),
    path("jobs/<id:assignment_id>/findings/<id:finding_id>/remove/", mechanic.finding_remove,
         name="finding-remove"),
    path("jobs/<id:assignment_id>/payment/", mechanic.payment_state, name="payment-state"),
]
