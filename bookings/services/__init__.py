"""Every write to bookings. Each function that changes a booking locks it first (booking_lock) and
changes its status only through lifecycle.booking_move. Callers use `bookings.services.<name>`; the
modules split the rules by stage."""

from bookings.services.confirmation import (
    CANCELLABLE,
    Cancellation,
    Confirmation,
    booking_cancel,
    booking_confirm_paid,
    booking_confirm_services,
    cancellation_charge,
    cancellation_fee,
)
from bookings.services.creation import (
    assignment_type_create,
    assignment_type_delete,
    assignment_type_update,
    booking_assign,
    booking_check_in,
    booking_check_out,
    booking_create,
    booking_customer_for,
    booking_places_anonymise,
    mechanic_qualification_problem,
    working_hours_available,
)
from bookings.services.custody import custody_confirm, custody_dispute, custody_record
from bookings.services.deferred import deferred_item_dismiss, deferred_reminders_send
from bookings.services.inspection import finding_add, finding_delete, line_decide, line_reprice
from bookings.services.work import (
    analysis_edit,
    analysis_submit,
    analysis_validate,
    progress_edit,
    progress_post,
    progress_validate,
)

__all__ = [
    "CANCELLABLE", "Cancellation", "Confirmation", "analysis_edit", "analysis_submit", "analysis_validate",
    "assignment_type_create", "assignment_type_delete", "assignment_type_update", "booking_assign", "booking_cancel",
    "booking_check_in", "booking_check_out", "booking_confirm_paid", "booking_confirm_services", "booking_create",
    "booking_customer_for", "booking_places_anonymise", "cancellation_charge", "cancellation_fee",
    "custody_confirm", "custody_dispute",
    "custody_record", "deferred_item_dismiss",
    "deferred_reminders_send", "finding_add", "finding_delete",
    "line_decide", "line_reprice", "mechanic_qualification_problem",
    "progress_edit", "progress_post", "progress_validate", "working_hours_available",
]
