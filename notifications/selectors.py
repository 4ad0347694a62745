"""Reads of the outbox for the people it was written to."""

from django.db.models import QuerySet

from notifications.models import Notification


def messages_for(*, user) -> QuerySet[Notification]:
    """What we have written to this person, newest first (including messages still being sent)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
