from django.urls import path

from frontdesk import views as desk

BOOKING = "bookings/<id:booking_id>/"

urlpatterns = [
    path("", desk.dashboard, name="desk-dashboard"),
    path("queue/", desk.action_queue, name="desk-queue"),
    path("efficiency/", desk.efficiency, name="desk-efficiency"),
    path("bookings/", desk.board, name="desk-board"),
    path(BOOKING, desk.booking_page, name="desk-booking"),
    path("cars/<id:car_id>/", desk.car_history, name="desk-car-history"),
    path(f"{BOOKING}assign/", desk.assign, name="desk-assign"),
    path(f"{BOOKING}analysis/", desk.analysis_edit, name="desk-analysis-edit"),
    path(f"{BOOKING}analysis/validate/", desk.analysis_validate, name="desk-analysis-validate"),
    path(f"{BOOKING}progress/<id:progress_id>/validate/", desk.progress_validate, name="desk-progress-validate"),
    path(f"{BOOKING}progress/<id:progress_id>/", desk.progress_edit, name="desk-progress-edit"),
    path(f"{BOOKING}check-in/", desk.check_in, name="desk-check-in"),
    path(f"{BOOKING}check-out/", desk.check_out, name="desk-check-out"),
    path(f"{BOOKING}collect-cash/", desk.collect_cash, name="desk-collect-cash"),
    path(f"{BOOKING}cancel/", desk.cancel, name="desk-cancel"),
    path(f"{BOOKING}services/<id:service_id>/price/", desk.line_price, name="desk-line-price"),
    path(f"{BOOKING}findings/<id:finding_id>/remove/", desk.finding_remove, name="desk-finding-remove"),
]

urlpatterns += [
    path("settings/assignment-types/", desk.assignment_types, name="desk-assignment-types"),
    path("settings/assignment-types/<id:type_id>/", desk.assignment_types, name="desk-assignment-type-edit"),
]

urlpatterns += [
    path("settings/", desk.settings_index, name="desk-settings"),
    path("operations/", desk.operations_index, name="desk-operations"),
]
