from django.urls import path

from bookings.api import views

urlpatterns = [
    path("mechanics/assignment_type", views.AssignmentTypeViewSet.as_view({"get": "list", "post": "create"}),
         name="assignment-type-list"),
    path("mechanics/assignment_type/<int:pk>",
         views.AssignmentTypeViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
         name="assignment-type-detail"),
]
