from django.db import transaction
from django.dispatch import receiver

from bookings.signals import booking_event_recorded
from frontdesk.selectors import dashboard_summary_forget


@receiver(booking_event_recorded, dispatch_uid="desk-dashboard-summary-forget")
def _summary_forget(sender, booking, event, **kwargs):
    """Every timeline entry may change the dashboard's figures: forget them once it commits."""
    transaction.on_commit(dashboard_summary_forget)
