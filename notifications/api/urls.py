from django.urls import path

from notifications.api import views

urlpatterns = [
    path("notification/notifications/logs", views.NotificationLogViewSet.as_view({"get": "list"}),
         name="notification-logs"),
]
