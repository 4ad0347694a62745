"""Plain-text mail is plain text: what a customer typed (O'Brien & "Sons" <Ltd>) reads as typed, never as
HTML entities, in every text template there is; the HTML part still escapes it."""

import re
from datetime import datetime

import pytest
from django.conf import settings

from accounts.tests.factories import CustomerFactory
from notifications.services import notify

pytestmark = pytest.mark.django_db

TYPED = "O'Brien & \"Sons\" <Ltd>"
ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")
EMAILS = settings.BASE_DIR / "templates" / "emails"
TEXT_TEMPLATES = sorted(path.stem for path in EMAILS.glob("*.txt"))


class Typed:
    """Any value a template asks for (an attribute, a key, a list of lines) is the customer's text."""

    def __str__(self):
        return TYPED

    def __getattr__(self, name):
        if name.startswith("_") or hasattr(datetime, name):  # not a date: |date shows nothing
            raise AttributeError(name)
        return Typed()

    def __getitem__(self, key):
        return Typed()

    def __iter__(self):
        return iter([Typed()])

    def __bool__(self):
        return True


def names_used(template: str) -> set[str]:
    """The context names a template reads: the first part of each {{ variable }}, {% if %} and {% for %}."""
    source = (EMAILS / f"{template}.txt").read_text() + (EMAILS / f"{template}.html").read_text()
    return set(re.findall(r"(?:\{\{|\{%\s*(?:if|elif)|\{%\s*for\s+\w+\s+in)\s*([a-z_]\w*)", source))


def test_every_text_email_template_is_found():
    assert len(TEXT_TEMPLATES) >= 9 and "custody_code" in TEXT_TEMPLATES


@pytest.mark.parametrize("template", TEXT_TEMPLATES)
def test_a_text_email_shows_what_was_typed_and_its_html_part_escapes_it(template):
    recipient = CustomerFactory(first_name=TYPED)
    context = {name: Typed() for name in names_used(template) - {"recipient", "site_url", "subject"}}
    row = notify(recipient=recipient, category="system", subject="Test", template=template, context=context)

    assert TYPED in row.body_text
    assert not ENTITY.search(row.body_text), ENTITY.search(row.body_text).group()
    assert TYPED not in row.body_html and "O&#x27;Brien &amp; &quot;Sons&quot; &lt;Ltd&gt;" in row.body_html
