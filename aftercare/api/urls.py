from django.urls import path

from aftercare.api import views

deferred = views.DeferredWorkViewSet.as_view

urlpatterns = [
    path("bookings/deferred", deferred({"get": "list"}), name="deferred-list"),
    path("bookings/deferred/<id:item_id>/dismiss", deferred({"put": "dismiss"}), name="deferred-dismiss-api"),
    path("car/<id:car_id>/history", deferred({"get": "history"}), name="car-history-api"),
]
