from django.urls import path

from bookings.portal import views

BOOKING = "customer/bookings/<id:booking_id>/"

urlpatterns = [
    path("customer/book/", views.book, name="book"),
    path("customer/book/slots/<str:kind>/", views.book_slots, name="book-slots"),
    path("customer/book/estimate/", views.book_estimate, name="book-estimate"),
    path("customer/bookings/", views.my_bookings, name="my-bookings"),
    path(BOOKING, views.booking_page, name="booking"),
    path(f"{BOOKING}confirm/", views.booking_confirm, name="booking-confirm"),
    path(f"{BOOKING}confirm/total/", views.booking_confirm_total, name="booking-confirm-total"),
    path(f"{BOOKING}cancel/", views.booking_cancel, name="booking-cancel-page"),
    path(f"{BOOKING}services/<id:service_id>/decision/", views.booking_line_decision,
         name="booking-line-decision-page"),
    path("photos/<str:kind>/<id:image_id>/", views.booking_photo, name="booking-photo"),
    path(f"{BOOKING}timeline/", views.booking_timeline, name="booking-timeline"),
]
