from django.urls import path

from aftercare.portal import views

urlpatterns = [
    path("customer/reminders/<str:token>/", views.reminder_link, name="reminder-link"),
    path("customer/cars/<id:car_id>/history/", views.car_history, name="car-history"),
    path("customer/deferred/<id:item_id>/dismiss/", views.deferred_dismiss, name="deferred-dismiss"),
    path("mechanic/jobs/<id:assignment_id>/car/", views.mechanic_car_history, name="mechanic-car-history"),
]
