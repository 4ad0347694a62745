"""Sending messages to people. Until the outbox arrives (issue 6) mail is sent once the caller's
transaction commits, so nobody is emailed about a change that rolled back."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def notify_by_email(*, recipient_email: str, category: str, subject: str, template: str, context: dict) -> None:
    context = {**context, "site_url": settings.SITE_URL, "subject": subject, "category": category}
    text_body = render_to_string(f"emails/{template}.txt", context)
    html_body = render_to_string(f"emails/{template}.html", context)

    def send() -> None:
        message = EmailMultiAlternatives(subject, text_body, settings.DEFAULT_FROM_EMAIL, [recipient_email])
        message.attach_alternative(html_body, "text/html")
        message.send()

    transaction.on_commit(send)
