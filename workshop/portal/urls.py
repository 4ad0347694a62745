from django.urls import path

from workshop.portal import mechanic

# In the "mechanic" namespace (revcare.urls): "mechanic:job".
urlpatterns = [
    path("", mechanic.today, name="today"),
    path("history/", mechanic.history, name="history"),
    path("jobs/<id:assignment_id>/", mechanic.job_page, name="job"),
    path("jobs/<id:assignment_id>/findings/", mechanic.finding_add, name="finding-add"),
    path("jobs/<id:assignment_id>/handover/", mechanic.handover_record, name="handover"),
    path("jobs/<id:assignment_id>/handover/confirm/", mechanic.handover_confirm, name="handover-confirm"),
    path("jobs/<id:assignment_id>/findings/<id:finding_id>/remove/", mechanic.finding_remove,
         name="finding-remove"),
]
