from django.urls import path

from accounts.portal import desk

urlpatterns = [
    path("settings/mechanics/", desk.mechanics, name="desk-mechanics"),
    path("settings/mechanics/<str:public_id>/", desk.mechanic_edit, name="desk-mechanic-edit"),
    path("settings/mechanics/<str:public_id>/active/", desk.mechanic_set_active, name="desk-mechanic-active"),
]
