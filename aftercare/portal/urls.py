from django.urls import path

from aftercare.portal import views

# In the "portal" namespace (revcare.urls).
urlpatterns = [
    path("customer/reminders/<str:token>/", views.reminder_link, name="reminder-link"),
    path("customer/cars/<id:car_id>/history/", views.car_history, name="car-history"),
    path("customer/deferred/<id:item_id>/dismiss/", views.deferred_dismiss, name="deferred-dismiss"),
]

# In the "mechanic" namespace: the car of one of my jobs.
mechanic_urlpatterns = [
    path("jobs/<id:assignment_id>/car/", views.mechanic_car_history, name="car-history"),
]
