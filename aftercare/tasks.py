from celery import shared_task

from aftercare import services


# Registered under its name from before the split out of bookings: queued runs and the beat schedule's
# rows (settings.CELERY_BEAT_SCHEDULE, django-celery-beat) keep resolving.
@shared_task(name="bookings.tasks.deferred_reminders_send")
def deferred_reminders_send() -> int:
    """Beat, daily: remind customers of declined work coming due (each item once per window)."""
    return services.deferred_reminders_send()
