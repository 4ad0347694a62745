from django.urls import path

from notifications.portal import views

urlpatterns = [
    path("customer/messages/", views.customer_messages, name="notifications"),
]
