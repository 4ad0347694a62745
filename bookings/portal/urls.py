from django.urls import path

from bookings.portal import views

urlpatterns = [
    path("customer/book/", views.book, name="book"),
    path("customer/book/slots/<str:kind>/", views.book_slots, name="book-slots"),
    path("customer/book/estimate/", views.book_estimate, name="book-estimate"),
    path("customer/bookings/", views.my_bookings, name="my-bookings"),
]
