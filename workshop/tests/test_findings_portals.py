"""Findings and consent in the three portals, without a browser: the tablet adds findings with photos,
the customer sees them grouped by urgency and answers a re-priced line, the desk re-prices and
removes; the invoice says who approved each line."""

import pytest
from django.test import Client

from bookings.models import LineDecision
from catalogue.tests.factories import ServiceFactory
from frontdesk.demo import booking_drive, booking_new, booking_steps
from garage.tests.factories import AddressFactory, CustomerCarFactory
from workshop.models import Finding
from workshop.services.findings import finding_add
from workshop.services.reports import analysis_validate
from workshop.tests.test_mechanic_portal import HTMX, photo, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def brakes():
    return ServiceFactory(title="Brake Pads", price=1000)


@pytest.fixture
def booking(customer, brakes):
    return booking_new(customer=customer, car=CustomerCarFactory(customer=customer, registration_number="TN09CD4321"),
                       services_with_qty=[(brakes, 1)], address=AddressFactory(customer=customer))


def analysis_job(booking):
    return booking.assignments.get(assignment_type__kind="analysis")


def test_the_tablet_adds_findings_with_photos_and_takes_them_back(booking, admin, mechanic, other_mechanic):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    job = analysis_job(booking)
    tablet = signed_in(mechanic)
    page = tablet.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Add a finding" in page and 'capture="environment"' in page

    wipers = ServiceFactory(title="Wiper Blades", price=300)
    refused = tablet.post(f"/portal/mechanic/jobs/{job.pk}/findings/", {
        "severity": "soon", "note": "Wipers smear", "service": wipers.pk}, **HTMX)
    assert refused.status_code == 422 and "Quote a price for Wiper Blades" in refused.content.decode()
    assert not Finding.objects.exists()

    added = tablet.post(f"/portal/mechanic/jobs/{job.pk}/findings/", {
        "severity": "urgent", "note": "Pads at 2 mm", "photos": [photo("pad.jpg")]}, **HTMX)
    assert added["HX-Redirect"] == f"/portal/mechanic/jobs/{job.pk}/"
    finding = Finding.objects.get()
    assert finding.images.count() == 1
    page = tablet.get(f"/portal/mechanic/jobs/{job.pk}/").content.decode()
    assert "Pads at 2 mm" in page and f"/portal/photos/finding/{finding.images.get().pk}/" in page

    assert signed_in(other_mechanic).post(
        f"/portal/mechanic/jobs/{job.pk}/findings/{finding.pk}/remove/").status_code == 404
    tablet.post(f"/portal/mechanic/jobs/{job.pk}/findings/{finding.pk}/remove/")
    assert not Finding.objects.exists()


def test_the_customer_sees_findings_by_urgency_only_once_approved(booking, admin, mechanic, customer,
                                                                  other_customer, brakes):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    finding_add(booking_id=booking.pk, actor=mechanic, severity="fine", note="Tyres at 5 mm")
    finding_add(booking_id=booking.pk, actor=mechanic, severity="urgent", note="Pads at 2 mm",
                service=brakes, images=[photo("pad.jpg")])
    page_url = f"/portal/customer/bookings/{booking.pk}/"
    assert "Pads at 2 mm" not in signed_in(customer).get(page_url).content.decode()  # the garage checks it first

    analysis_validate(booking_id=booking.pk, admin=admin)
    page = signed_in(customer).get(page_url).content.decode()
    assert page.index("Urgent") < page.index("Pads at 2 mm") < page.index("Fine for now") < page.index("Tyres at 5 mm")
    photo_url = f"/portal/photos/finding/{Finding.objects.get(severity='urgent').images.get().pk}/"
    assert photo_url in page and "Confirm the work" in page
    assert signed_in(customer).get(photo_url)["Content-Type"] == "image/jpeg"
    assert signed_in(other_customer).get(photo_url).status_code == 404


def test_a_repriced_line_is_answered_on_the_portal_and_the_invoice_names_the_approval(
        booking, admin, mechanic, customer, brakes):
    booking_drive(booking=booking, to="in-progress", admin=admin, mechanic=mechanic)
    desk = signed_in(admin)
    desk.post(f"/portal/desk/bookings/{booking.pk}/services/{brakes.pk}/price/", {"price": "1350"})
    assert "waiting for the customer" in desk.get(f"/portal/desk/bookings/{booking.pk}/").content.decode()
    refused = desk.post(f"/portal/desk/bookings/{booking.pk}/services/{brakes.pk}/price/", {"price": "lots"},
                        follow=True)
    assert refused.status_code == 422 and "Enter a price in rupees" in refused.content.decode()

    portal = signed_in(customer)
    page = portal.get(f"/portal/customer/bookings/{booking.pk}/").content.decode()
    assert "New price ₹1350.00" in page and "Approve ₹1350.00" in page
    decisions_before = LineDecision.objects.count()
    unreadable = portal.post(f"/portal/customer/bookings/{booking.pk}/services/{brakes.pk}/decision/",
                             {"approve": "maybe"}, follow=True)
    assert "Choose approve or decline." in unreadable.content.decode()
    assert LineDecision.objects.count() == decisions_before
    portal.post(f"/portal/customer/bookings/{booking.pk}/services/{brakes.pk}/decision/", {"approve": "yes"})
    decision = LineDecision.objects.filter(line__service=brakes).last()
    assert (decision.approved, decision.channel, str(decision.unit_price)) == (True, "portal", "1350.00")

    booking_steps(booking=booking, steps=["report:in-progress", "validate_progress", "assign:drop", "collect_cash",
                                          "report:delivered", "validate_progress"], admin=admin, mechanic=mechanic)
    invoice = portal.get(f"/portal/invoices/{booking.pk}/").content.decode()
    assert f"Approved by {customer.get_full_name()}" in invoice and "via customer portal at ₹1350.00" in invoice


def test_the_desk_removes_a_finding_before_approval_only(booking, admin, mechanic):
    booking_drive(booking=booking, to="analysed", admin=admin, mechanic=mechanic)
    finding = finding_add(booking_id=booking.pk, actor=mechanic, severity="soon", note="Wipers smear")
    desk = signed_in(admin)
    assert "Wipers smear" in desk.get(f"/portal/desk/bookings/{booking.pk}/").content.decode()
    desk.post(f"/portal/desk/bookings/{booking.pk}/findings/{finding.pk}/remove/")
    assert not Finding.objects.exists()
    assert Client().post(f"/portal/desk/bookings/{booking.pk}/findings/1/remove/").status_code == 302  # sign in
