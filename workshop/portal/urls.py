from django.urls import path

from workshop.portal import mechanic

urlpatterns = [
    path("", mechanic.today, name="mechanic-today"),
    path("history/", mechanic.history, name="mechanic-history"),
    path("jobs/<id:assignment_id>/", mechanic.job_page, name="mechanic-job"),
    path("jobs/<id:assignment_id>/findings/", mechanic.finding_add, name="mechanic-finding-add"),
    path("jobs/<id:assignment_id>/handover/", mechanic.handover_record, name="mechanic-handover"),
    path("jobs/<id:assignment_id>/handover/confirm/", mechanic.handover_confirm, name="mechanic-handover-confirm"),
    path("jobs/<id:assignment_id>/findings/<id:finding_id>/remove/", mechanic.finding_remove,
         name="mechanic-finding-remove"),
]
