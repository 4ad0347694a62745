from django.urls import path

from bookings.api import availability, views

admin = views.BookingAdminViewSet.as_view
mechanic = views.MechanicWorkViewSet.as_view
booking = views.BookingViewSet.as_view
deferred = views.DeferredWorkViewSet.as_view
custody = views.MechanicCustodyViewSet.as_view

urlpatterns = [
    path("utils/timeslot", availability.TimeslotViewSet.as_view({"get": "list", "post": "create"}),
         name="timeslot-list"),
    path("mechanics/assignment_type", views.AssignmentTypeViewSet.as_view({"get": "list", "post": "create"}),
         name="assignment-type-list"),
    path("mechanics/assignment_type/<id:pk>",
         views.AssignmentTypeViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
         name="assignment-type-detail"),
    path("bookings/", booking({"post": "create"}), name="booking-create"),
    path("bookings/customer", booking({"get": "customer_list"}), name="booking-customer-list"),
    path("bookings/<id:booking_id>", booking({"get": "retrieve"}), name="booking-detail"),
    path("bookings/<id:booking_id>/confirm-services", booking({"put": "confirm_services"}),
         name="booking-confirm-services"),
    path("bookings/<id:booking_id>/cancel", booking({"put": "cancel"}), name="booking-cancel"),
    path("bookings/<id:booking_id>/services/<id:service_id>/decision", booking({"put": "line_decision"}),
         name="booking-line-decision"),
    path("bookings/photos/<str:kind>/<id:image_id>", views.BookingPhotoView.as_view(), name="booking-photo-file"),
    path("bookings/admin/<id:booking_id>/services/<id:service_id>/price", admin({"put": "line_reprice"}),
         name="booking-admin-line-price"),
    path("bookings/admin/findings/<id:finding_id>", admin({"delete": "finding_delete"}),
         name="booking-admin-finding"),
    path("bookings/deferred", deferred({"get": "list"}), name="deferred-list"),
    path("bookings/deferred/<id:item_id>/dismiss", deferred({"put": "dismiss"}), name="deferred-dismiss-api"),
    path("car/<id:car_id>/history", deferred({"get": "history"}), name="car-history-api"),
    path("bookings/mechanic/findings", mechanic({"post": "findings"}), name="mechanic-findings"),
    path("bookings/mechanic/custody", custody({"post": "custody"}), name="mechanic-custody"),
    path("bookings/mechanic/custody/confirm", custody({"post": "custody_confirm"}), name="mechanic-custody-confirm"),
    path("bookings/<id:booking_id>/custody/<str:stage>/dispute", booking({"put": "custody_dispute"}),
         name="booking-custody-dispute"),
    path("bookings/mechanic/findings/<id:finding_id>", mechanic({"delete": "finding_delete"}),
         name="mechanic-finding"),
    path("bookings/admin/dashboard", admin({"get": "dashboard"}), name="booking-admin-dashboard"),
    path("bookings/admin/efficiency", admin({"get": "efficiency"}), name="booking-admin-efficiency"),
    path("bookings/admin/assign", admin({"post": "assign"}), name="booking-admin-assign"),
    path("bookings/admin/assign/<id:booking_id>/suggestions", admin({"get": "suggestions"}),
         name="booking-admin-suggestions"),
    path("bookings/admin/check-in/<id:booking_id>", admin({"post": "check_in"}), name="booking-admin-check-in"),
    path("bookings/admin/check-out/<id:booking_id>", admin({"post": "check_out"}), name="booking-admin-check-out"),
    path("bookings/admin/progress/<id:progress_id>", admin({"put": "progress_edit"}),
         name="booking-admin-progress"),
    path("bookings/admin/progress/<id:progress_id>/validate", admin({"post": "progress_validate"}),
         name="booking-admin-progress-validate"),
    path("bookings/admin/analysis/<id:booking_id>", admin({"put": "analysis_edit"}),
         name="booking-admin-analysis"),
    path("bookings/admin/analysis/<id:booking_id>/validate", admin({"post": "analysis_validate"}),
         name="booking-admin-analysis-validate"),
    path("bookings/mechanic/assignments", mechanic({"get": "assignments"}), name="mechanic-assignments"),
    path("bookings/mechanic/analysis", mechanic({"post": "analysis"}), name="mechanic-analysis"),
    path("bookings/mechanic/progress", mechanic({"post": "progress"}), name="mechanic-progress"),
]
