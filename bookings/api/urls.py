from django.urls import path

from bookings.api import availability

urlpatterns = [
    path("utils/timeslot", availability.TimeslotViewSet.as_view({"get": "list", "post": "create"}),
         name="timeslot-list"),
]
