"""The admin desk's booking pages without a browser: the day's figures and queue, assigning from the
ranked suggestions, approving quotes and reports, counter actions; staff only."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from bookings import money
from bookings.models import Booking, BookingEvent
from bookings.services.confirmation import booking_cancel
from bookings.services.consent import line_reprice
from catalogue.tests.factories import ServiceFactory
from conftest import signed_in
from frontdesk.demo import WORK, booking_drive, booking_new, booking_steps
from garage.tests.factories import AddressFactory, CustomerCarFactory
from workshop.models import Assignment, Progress
from workshop.services.reports import analysis_validate

pytestmark = pytest.mark.django_db



@pytest.fixture
def booking(customer, garage_at_dawn):  # picked up today: in a slot that is not over yet
    return booking_new(customer=customer, car=CustomerCarFactory(customer=customer, registration_number="TN09CD4321"),
                       services_with_qty=[(ServiceFactory(title="Brake Pads", price=1000), 1)],
                       address=AddressFactory(customer=customer), days_ahead=0)


def test_only_admins_open_the_desk(customer, mechanic, booking):
    for person in (customer, mechanic):
        for path in ("/portal/desk/", f"/portal/desk/bookings/{booking.pk}/", "/portal/desk/settings/gst/",
                     "/portal/desk/operations/backups/"):
            assert signed_in(person).get(path).status_code == 403, (person.role_id, path)
    assert Client().get("/portal/desk/")["Location"].startswith("/portal/login/")


def test_the_dashboard_counts_today_and_queues_what_needs_the_garage(admin, booking):
    page = signed_in(admin).get("/portal/desk/")
    assert page.context["summary"].pickups_today == 1 and page.context["summary"].counts["booked"] == 1
    assert [b.pk for b in page.context["queue"]] == [booking.pk] and page.context["queue"][0].action == "assign"
    queue = signed_in(admin).get("/portal/desk/queue/").content.decode()
    assert f"Booking #{booking.pk}" in queue and "Assign" in queue


def test_assigning_from_the_ranked_list_and_refusing_the_unqualified(admin, booking, mechanic, other_mechanic):
    other_mechanic.mechanic_profile.can_pickup_drop = False
    other_mechanic.mechanic_profile.save()
    client = signed_in(admin)
    page = client.get(f"/portal/desk/bookings/{booking.pk}/?type=pickup")
    assert [m.pk for m in page.context["suggestions"]] == [mechanic.pk]  # only the qualified
    refused = client.post(f"/portal/desk/bookings/{booking.pk}/assign/",
                          {"type": "pickup", "mechanic": other_mechanic.public_id}, follow=True)
    assert "pickup" in refused.content.decode().lower() and not Assignment.objects.exists()
    client.post(f"/portal/desk/bookings/{booking.pk}/assign/", {"type": "pickup", "mechanic": mechanic.public_id})
    assert Assignment.objects.get().mechanic == mechanic
    assert Booking.objects.get(pk=booking.pk).status == "pickup"
    again = client.post(f"/portal/desk/bookings/{booking.pk}/assign/", {"type": "pickup",
                                                                        "mechanic": mechanic.public_id}, follow=True)
    assert "still open" in again.content.decode() and Assignment.objects.count() == 1
    nobody = client.post(f"/portal/desk/bookings/{booking.pk}/assign/", {"type": "pickup", "mechanic": "MEC999"},
                         follow=True)
    assert "Choose a mechanic from the list." in nobody.content.decode()


def quotes_posted(prices: dict, **fields) -> dict:
    """The desk's analysis form as the browser posts it: the text and one quote form per booked line."""
    data = {"description": "Pads worn", "quotes-TOTAL_FORMS": len(prices), "quotes-INITIAL_FORMS": len(prices),
            **fields}
    for number, (service_id, price) in enumerate(prices.items()):
        data |= {f"quotes-{number}-service_id": service_id, f"quotes-{number}-price": price}
    return data


def test_the_quote_is_corrected_then_approved(admin, mechanic, booking):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    pads = booking.services.get().service_id
    client = signed_in(admin)
    bad = client.post(f"/portal/desk/bookings/{booking.pk}/analysis/", quotes_posted({pads: "lots"}))
    assert bad.status_code == 422 and "Enter a price in rupees" in bad.content.decode()
    client.post(f"/portal/desk/bookings/{booking.pk}/analysis/", quotes_posted({pads: "1100.50"},
                                                                               description="Pads at 2 mm; discs fine"))
    assert booking.services.get().quoted_price == Decimal("1100.50")
    client.post(f"/portal/desk/bookings/{booking.pk}/analysis/validate/")
    assert booking.analysis.validated_at is not None and booking.analysis.description == "Pads at 2 mm; discs fine"


def test_a_report_is_corrected_and_validated_from_its_booking_only(admin, mechanic, booking, customer):
    booking_drive(booking=booking, to="pickup@reported", admin=admin, mechanic=mechanic)
    report = Progress.objects.get()
    other = booking_new(customer=customer, car=CustomerCarFactory(customer=customer),
                        services_with_qty=[(ServiceFactory(), 1)], address=AddressFactory(customer=customer))
    client = signed_in(admin)
    assert client.post(f"/portal/desk/bookings/{other.pk}/progress/{report.pk}/validate/").status_code == 404
    client.post(f"/portal/desk/bookings/{booking.pk}/progress/{report.pk}/", {"notes": "Car collected, no damage"})
    client.post(f"/portal/desk/bookings/{booking.pk}/progress/{report.pk}/validate/")
    report.refresh_from_db()
    assert report.validated_at is not None and report.notes == "Car collected, no damage"
    late = client.post(f"/portal/desk/bookings/{booking.pk}/progress/{report.pk}/", {"notes": "x"}, follow=True)
    assert "already validated" in late.content.decode()
    report.refresh_from_db()
    assert report.notes == "Car collected, no damage"


def test_a_self_pickup_is_checked_in_paid_and_handed_back_at_the_counter(admin, mechanic, customer):
    booking = booking_new(customer=customer, car=CustomerCarFactory(customer=customer), pickup_type="self",
                          services_with_qty=[(ServiceFactory(price=1000), 1)])
    client = signed_in(admin)
    client.post(f"/portal/desk/bookings/{booking.pk}/check-in/")
    assert Booking.objects.get(pk=booking.pk).status == "received"
    booking_steps(booking=booking, steps=WORK, admin=admin, mechanic=mechanic)  # analysed, confirmed cod, done
    early = client.post(f"/portal/desk/bookings/{booking.pk}/check-out/", follow=True)
    assert "Collect the payment due" in early.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == "completed"
    page = client.get(f"/portal/desk/bookings/{booking.pk}/").content.decode()
    assert "Cash ₹1180.00 received" in page
    client.post(f"/portal/desk/bookings/{booking.pk}/collect-cash/")
    client.post(f"/portal/desk/bookings/{booking.pk}/check-out/")
    assert Booking.objects.get(pk=booking.pk).status == "delivered"


def test_the_desk_cancels_with_a_reason_on_the_timeline(admin, booking):
    signed_in(admin).post(f"/portal/desk/bookings/{booking.pk}/cancel/", {"reason": "Customer called"})
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.events.latest("id").note.startswith("Customer called")


def test_the_board_puts_each_open_booking_in_its_status_column(admin, mechanic, booking):
    booking_drive(booking=booking, to="received", admin=admin, mechanic=mechanic)
    columns = dict(signed_in(admin).get("/portal/desk/bookings/").context["columns"])
    assert [b.pk for b in columns["Received"]] == [booking.pk] and columns["Booked"] == []


def test_the_dashboard_shows_revenue_today_and_this_month_in_the_garages_days(admin, mechanic, customer,
                                                                             monkeypatch, settings):
    garage = ZoneInfo("Asia/Kolkata")  # settings.TIME_ZONE
    settings.BOOKING_MAX_PER_SLOT_PER_CUSTOMER = 4  # one customer's four bookings share a day's slot here
    car, address = CustomerCarFactory(customer=customer), AddressFactory(customer=customer)

    def finished(price, completed_at):
        booking = booking_new(customer=customer, car=car, pickup_type="self",
                              services_with_qty=[(ServiceFactory(price=price), 1)])
        booking = booking_drive(booking=booking, to="completed", admin=admin, mechanic=mechanic)
        BookingEvent.objects.filter(booking=booking, to_status="completed").update(created_at=completed_at)
        return booking.services.get().quoted_price

    just_after_midnight = finished(1000, datetime(2026, 3, 15, 0, 30, tzinfo=garage))  # 19:00 UTC the day before
    late_yesterday = finished(200, datetime(2026, 3, 14, 23, 30, tzinfo=garage))
    last_month = finished(30, datetime(2026, 2, 28, 23, 0, tzinfo=garage))
    received = booking_drive(booking=booking_new(customer=customer, car=car, address=address,
                                                 services_with_qty=[(ServiceFactory(price=500), 1)]),
                             to="received", admin=admin, mechanic=mechanic)
    fee = booking_cancel(booking_id=received.pk, actor=customer).fee
    Booking.objects.filter(pk=received.pk).update(cancelled_at=datetime(2026, 3, 2, 9, 0, tzinfo=garage))
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 15, 12, 0, tzinfo=garage))  # the garage's clock
    cache.clear()

    page = signed_in(admin).get("/portal/desk/")

    summary = page.context["summary"]
    assert (just_after_midnight, late_yesterday, last_month, fee) == (1000, 200, 30, 100)
    assert summary.revenue_today == just_after_midnight
    assert summary.revenue_month == just_after_midnight + late_yesterday + fee
    assert summary.revenue == just_after_midnight + late_yesterday + last_month + fee
    html = page.content.decode()
    assert "Revenue today" in html and "Revenue in March" in html
    assert f'id="revenue-today">₹{summary.revenue_today}<' in html
    assert f'id="revenue-month">₹{summary.revenue_month}<' in html
    assert f"₹{summary.revenue} since opening" in html


def test_a_new_price_that_is_not_rupees_and_paise_is_refused_beside_that_line_and_changes_nothing(
        admin, mechanic, booking):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    analysis_validate(booking_id=booking.pk, admin=admin)
    line = booking.services.get()
    events = BookingEvent.objects.filter(booking=booking).count()
    client = signed_in(admin)
    for bad in ("12.345", "-1", "lots", "1e9"):
        refused = client.post(f"/portal/desk/bookings/{booking.pk}/services/{line.service_id}/price/", {"price": bad})
        page = refused.content.decode()
        field = f'id="reprice-{line.service_id}-price"'
        error = f'id="reprice-{line.service_id}-price-error"'
        assert refused.status_code == 422 and field in page and error in page, bad
        assert "Enter a price in rupees" in page[page.index(error):page.index(error) + 300], bad
    line.refresh_from_db()
    assert line.quoted_price == booking.services.get().quoted_price
    assert BookingEvent.objects.filter(booking=booking).count() == events


def test_a_bad_quote_correction_is_shown_beside_its_line_and_saves_nothing(admin, mechanic, booking):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    pads = booking.services.get()
    before = (booking.analysis.description, pads.quoted_price)
    refused = signed_in(admin).post(f"/portal/desk/bookings/{booking.pk}/analysis/",
                                    quotes_posted({pads.service_id: "-5"}, description="Changed"))
    formset = refused.context["quote_formset"]
    assert refused.status_code == 422 and formset.forms[0].errors == {"price": [money.PRICE_ERROR]}
    assert f"{pads.service.title} quote (₹)" in refused.content.decode()
    booking.analysis.refresh_from_db()
    assert (booking.analysis.description, booking.services.get().quoted_price) == before


def test_the_service_refuses_a_price_the_form_would_refuse(admin, mechanic, booking):
    # One rule: the API and any other caller meet the same check as the desk's field.
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    with pytest.raises(ValidationError) as refusal:
        line_reprice(booking_id=booking.pk, service_id=booking.services.get().service_id,
                              price=Decimal("-1"), admin=admin)
    assert refusal.value.message_dict == {"price": [money.PRICE_ERROR]}
