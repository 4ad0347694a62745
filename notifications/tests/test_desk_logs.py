"""The notification log on the admin desk: filters, and staff only."""

import pytest

from conftest import signed_in
from notifications.models import Notification

pytestmark = pytest.mark.django_db



def test_the_log_filters_by_state_kind_and_recipient(admin, customer, other_customer):
    Notification.objects.create(recipient=customer, email=customer.email, category="invoice", subject="Invoice 1",
                                body_text="x", status="sent")
    Notification.objects.create(recipient=other_customer, email=other_customer.email, category="account",
                                subject="Welcome", body_text="x", status="failed", attempts=5,
                                last_error="SMTP 550 mailbox unavailable")
    client = signed_in(admin)
    failed = client.get("/portal/desk/operations/notifications/?status=failed").content.decode()
    assert "Welcome" in failed and "SMTP 550" in failed and "Invoice 1" not in failed
    mine = client.get(f"/portal/desk/operations/notifications/?recipient={customer.public_id}").content.decode()
    assert "Invoice 1" in mine and "Welcome" not in mine
    nonsense = client.get("/portal/desk/operations/notifications/?status=lost&category=x")
    assert nonsense.status_code == 200 and nonsense.context["page"].paginator.count == 2
    assert signed_in(customer).get("/portal/desk/operations/notifications/").status_code == 403
