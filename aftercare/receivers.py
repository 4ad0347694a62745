"""Aftercare's answers to what bookings says happened (bookings.signals). Connected in AftercareConfig.ready."""

from django.dispatch import receiver

from aftercare.selectors import deferred_items_visible_to
from aftercare.services import deferred_from_decisions, deferred_items_booked
from bookings.models import AssignmentKind
from bookings.signals import booking_created, line_decisions_recorded
from workshop.portal.mechanic import JOB_PAGE_PARTS


def _job_page_deferred(request, job) -> dict:
    """What the customer left for later last time, for the analysing mechanic to look at again."""
    if job.assignment_type.kind != AssignmentKind.ANALYSIS:
        return {}
    return {"deferred": deferred_items_visible_to(user=request.user, car_id=job.booking.car_id)}


JOB_PAGE_PARTS.append(_job_page_deferred)


@receiver(booking_created, dispatch_uid="aftercare-deferred-items-booked")
def _deferred_items_booked(sender, booking, service_ids, reminder_token, **kwargs):
    deferred_items_booked(booking=booking, service_ids=service_ids, reminder_token=reminder_token)


@receiver(line_decisions_recorded, dispatch_uid="aftercare-deferred-from-decisions")
def _deferred_from_decisions(sender, lines, **kwargs):
    deferred_from_decisions(lines)
