from django.urls import path

from workshop.portal import desk

# In the "desk" namespace (revcare.urls): "desk:mechanics".
urlpatterns = [
    path("settings/mechanics/", desk.mechanics, name="mechanics"),
    path("settings/mechanics/<str:public_id>/", desk.mechanic_edit, name="mechanic-edit"),
    path("settings/mechanics/<str:public_id>/active/", desk.mechanic_set_active, name="mechanic-active"),
]
