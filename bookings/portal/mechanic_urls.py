from django.urls import path

from bookings.portal import mechanic

urlpatterns = [
    path("", mechanic.today, name="mechanic-today"),
    path("history/", mechanic.history, name="mechanic-history"),
    path("jobs/<int:assignment_id>/", mechanic.job_page, name="mechanic-job"),
    path("jobs/<int:assignment_id>/collect/", mechanic.collect_payment, name="mechanic-collect"),
    path("jobs/<int:assignment_id>/payment/", mechanic.payment_state, name="mechanic-payment-state"),
]
