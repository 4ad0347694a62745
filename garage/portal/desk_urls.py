from django.urls import path

from garage.portal import desk

urlpatterns = [
    path("settings/policies/", desk.policies, name="policies"),
    path("settings/gst/", desk.gst, name="gst"),
    path("settings/content/", desk.content_list, name="content"),
    path("settings/content/<slug:slug>/", desk.content_edit, name="content-edit"),
    path("settings/timeslots/", desk.timeslots, name="timeslots"),
    path("settings/timeslots/<id:timeslot_id>/", desk.timeslots, name="timeslot-edit"),
    path("operations/backups/", desk.backup_list, name="backups"),
    path("operations/backups/new/", desk.backup_create, name="backup-create"),
    path("operations/backups/<str:name>/restore/", desk.backup_restore, name="backup-restore"),
    path("operations/backups/<str:name>/delete/", desk.backup_delete, name="backup-delete"),
]
