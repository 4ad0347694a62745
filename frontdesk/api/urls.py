from django.urls import path

from frontdesk.api import views

admin = views.BookingAdminViewSet.as_view
booking = views.BookingViewSet.as_view

urlpatterns = [
    path("bookings/", booking({"post": "create"}), name="booking-create"),
    path("bookings/customer", booking({"get": "customer_list"}), name="booking-customer-list"),
    path("bookings/<id:booking_id>", booking({"get": "retrieve"}), name="booking-detail"),
    path("bookings/<id:booking_id>/confirm-services", booking({"put": "confirm_services"}),
         name="booking-confirm-services"),
    path("bookings/<id:booking_id>/cancel", booking({"put": "cancel"}), name="booking-cancel"),
    path("bookings/<id:booking_id>/services/<id:service_id>/decision", booking({"put": "line_decision"}),
         name="booking-line-decision"),
    path("bookings/admin/<id:booking_id>/services/<id:service_id>/price", admin({"put": "line_reprice"}),
         name="booking-admin-line-price"),
    path("bookings/admin/dashboard", admin({"get": "dashboard"}), name="booking-admin-dashboard"),
    path("bookings/admin/check-in/<id:booking_id>", admin({"post": "check_in"}), name="booking-admin-check-in"),
    path("bookings/admin/check-out/<id:booking_id>", admin({"post": "check_out"}), name="booking-admin-check-out"),
]
