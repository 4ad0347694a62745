from celery import shared_task

from aftercare import services


@shared_task
def deferred_reminders_send() -> int:
    """Beat, daily: remind customers of declined work coming due (each item once per window)."""
    return services.deferred_reminders_send()
