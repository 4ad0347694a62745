"""The reminder task keeps the name it had in bookings, so runs already queued and the beat schedule's
rows still find it."""

from django.conf import settings

from revcare.celery import app


def test_the_reminder_task_answers_to_its_name_from_before_the_split():
    app.loader.import_default_modules()  # what a worker does when it starts: every app's tasks.py
    name = settings.CELERY_BEAT_SCHEDULE["deferred-work-reminders"]["task"]
    assert name == "bookings.tasks.deferred_reminders_send"
    assert app.tasks[name].__module__ == "aftercare.tasks"
