"""Aftercare's answers to what bookings says happened (bookings.signals). Connected in AftercareConfig.ready."""

from django.dispatch import receiver

from aftercare.services import deferred_from_decisions, deferred_items_booked
from bookings.signals import booking_created, line_decisions_recorded


@receiver(booking_created, dispatch_uid="aftercare-deferred-items-booked")
def _deferred_items_booked(sender, booking, service_ids, reminder_token, **kwargs):
    deferred_items_booked(booking=booking, service_ids=service_ids, reminder_token=reminder_token)


@receiver(line_decisions_recorded, dispatch_uid="aftercare-deferred-from-decisions")
def _deferred_from_decisions(sender, lines, **kwargs):
    deferred_from_decisions(lines)
