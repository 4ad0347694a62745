"""Seams for the apps above bookings (workshop, aftercare, payments): bookings says what happened and they
react, so bookings imports none of them. Every signal is sent inside the transaction that made the change,
and receivers run in it (what they write commits or rolls back with the booking); a receiver that raises
refuses the step."""

from django.dispatch import Signal

# A booking was made: booking, service_ids (those it books), reminder_token (the reminder link it came from).
booking_created = Signal()

# The customer is about to confirm the quoted services of a booking: booking. A receiver raises a
# ConflictError when the quote is not ready to be confirmed.
services_confirming = Signal()

# Quoted lines were approved or declined: lines (each with its new status).
line_decisions_recorded = Signal()

# A booking changed status through booking_move: booking, source, target, actor.
booking_moved = Signal()

# The car is about to go back to its customer (checked out at the counter, or handed over at the door):
# booking. A receiver raises a ConflictError while money is due (payments).
car_returning = Signal()

# A booking is being cancelled: booking, fee_total (the cancellation fee with GST). Receivers settle its
# money and answer with what they will refund (payments), which the booking's timeline states.
booking_cancelling = Signal()

# A timeline entry was written (a status change or another notable step): booking, event.
booking_event_recorded = Signal()
