from django.urls import path

from frontdesk import customer

BOOKING = "customer/bookings/<id:booking_id>/"

urlpatterns = [
    path(BOOKING, customer.booking_page, name="booking"),
    path(f"{BOOKING}confirm/", customer.booking_confirm, name="booking-confirm"),
    path(f"{BOOKING}confirm/total/", customer.booking_confirm_total, name="booking-confirm-total"),
    path(f"{BOOKING}cancel/", customer.booking_cancel_page, name="booking-cancel-page"),
    path(f"{BOOKING}services/<id:service_id>/decision/", customer.booking_line_decision,
         name="booking-line-decision-page"),
    path(f"{BOOKING}timeline/", customer.booking_timeline, name="booking-timeline"),
]
