from django.urls import path

from frontdesk import views as desk

BOOKING = "bookings/<id:booking_id>/"

urlpatterns = [
    path("", desk.dashboard, name="dashboard"),
    path("queue/", desk.action_queue, name="queue"),
    path("efficiency/", desk.efficiency, name="efficiency"),
    path("bookings/", desk.board, name="board"),
    path(BOOKING, desk.booking_page, name="booking"),
    path("cars/<id:car_id>/", desk.car_history, name="car-history"),
    path(f"{BOOKING}assign/", desk.assign, name="assign"),
    path(f"{BOOKING}analysis/", desk.analysis_edit, name="analysis-edit"),
    path(f"{BOOKING}analysis/validate/", desk.analysis_validate, name="analysis-validate"),
    path(f"{BOOKING}progress/<id:progress_id>/validate/", desk.progress_validate, name="progress-validate"),
    path(f"{BOOKING}progress/<id:progress_id>/", desk.progress_edit, name="progress-edit"),
    path(f"{BOOKING}check-in/", desk.check_in, name="check-in"),
    path(f"{BOOKING}check-out/", desk.check_out, name="check-out"),
    path(f"{BOOKING}collect-cash/", desk.collect_cash, name="collect-cash"),
    path(f"{BOOKING}cancel/", desk.cancel, name="cancel"),
    path(f"{BOOKING}services/<id:service_id>/price/", desk.line_price, name="line-price"),
    path(f"{BOOKING}findings/<id:finding_id>/remove/", desk.finding_remove, name="finding-remove"),
]

urlpatterns += [
    path("settings/assignment-types/", desk.assignment_types, name="assignment-types"),
    path("settings/assignment-types/<id:type_id>/", desk.assignment_types, name="assignment-type-edit"),
]

urlpatterns += [
    path("settings/", desk.settings_index, name="settings"),
    path("operations/", desk.operations_index, name="operations"),
]
