from django.urls import path

from notifications.portal import views

urlpatterns = [
    path("operations/notifications/", views.notification_logs, name="notifications"),
]
