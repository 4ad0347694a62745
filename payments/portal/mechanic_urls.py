from django.urls import path

from payments.portal import mechanic

# In the "mechanic" namespace (revcare.urls).
urlpatterns = [
    path("jobs/<id:assignment_id>/collect/", mechanic.collect_payment, name="collect"),
    path("jobs/<id:assignment_id>/payment/", mechanic.payment_state, name="payment-state"),
]
