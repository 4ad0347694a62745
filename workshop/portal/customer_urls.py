from django.urls import path

from workshop.portal import customer

urlpatterns = [
    path("photos/<str:kind>/<id:image_id>/", customer.booking_photo, name="booking-photo"),
    path("customer/bookings/<id:booking_id>/custody/<str:stage>/dispute/", customer.custody_dispute_page,
         name="custody-dispute-page"),
]
