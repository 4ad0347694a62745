from django.urls import path

from workshop.api import mechanics, views

admin = views.WorkAdminViewSet.as_view
mechanic = views.MechanicWorkViewSet.as_view
custody = views.MechanicCustodyViewSet.as_view

urlpatterns = [
    path("mechanics/assignment_type", views.AssignmentTypeViewSet.as_view({"get": "list", "post": "create"}),
         name="assignment-type-list"),
    path("mechanics/assignment_type/<id:pk>",
         views.AssignmentTypeViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
         name="assignment-type-detail"),
    path("mechanics/", mechanics.MechanicViewSet.as_view({"get": "list", "post": "create"}), name="mechanic-list"),
    path("mechanics/<publicid:id>",
         mechanics.MechanicViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
         name="mechanic-detail"),
    path("bookings/photos/<str:kind>/<id:image_id>", views.BookingPhotoView.as_view(), name="booking-photo-file"),
    path("bookings/admin/findings/<id:finding_id>", admin({"delete": "finding_delete"}),
         name="booking-admin-finding"),
    path("bookings/mechanic/findings", mechanic({"post": "findings"}), name="mechanic-findings"),
    path("bookings/mechanic/custody", custody({"post": "custody"}), name="mechanic-custody"),
    path("bookings/mechanic/custody/confirm", custody({"post": "custody_confirm"}), name="mechanic-custody-confirm"),
    path("bookings/<id:booking_id>/custody/<str:stage>/dispute",
         views.BookingCustodyViewSet.as_view({"put": "custody_dispute"}), name="booking-custody-dispute"),
    path("bookings/mechanic/findings/<id:finding_id>", mechanic({"delete": "finding_delete"}),
         name="mechanic-finding"),
    path("bookings/admin/efficiency", admin({"get": "efficiency"}), name="booking-admin-efficiency"),
    path("bookings/admin/assign", admin({"post": "assign"}), name="booking-admin-assign"),
    path("bookings/admin/assign/<id:booking_id>/suggestions", admin({"get": "suggestions"}),
         name="booking-admin-suggestions"),
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
