from django.urls import path

from bookings.portal import views

urlpatterns = [
    path("customer/bookings/", views.my_bookings, name="my-bookings"),
    path("customer/bookings/<int:booking_id>/", views.booking_page, name="booking"),
    path("customer/bookings/<int:booking_id>/timeline/", views.booking_timeline, name="booking-timeline"),
]
