from django.urls import path

from garage.portal import desk

urlpatterns = [
    path("settings/policies/", desk.policies, name="desk-policies"),
    path("settings/gst/", desk.gst, name="desk-gst"),
    path("settings/content/", desk.content_list, name="desk-content"),
    path("settings/content/<slug:slug>/", desk.content_edit, name="desk-content-edit"),
    path("settings/timeslots/", desk.timeslots, name="desk-timeslots"),
    path("settings/timeslots/<id:timeslot_id>/", desk.timeslots, name="desk-timeslot-edit"),
    path("operations/backups/", desk.backup_list, name="desk-backups"),
    path("operations/backups/new/", desk.backup_create, name="desk-backup-create"),
    path("operations/backups/<str:name>/restore/", desk.backup_restore, name="desk-backup-restore"),
    path("operations/backups/<str:name>/delete/", desk.backup_delete, name="desk-backup-delete"),
]
