"""The customer's booking pages without a browser: the wizard's rules, confirming, cancelling,
reviewing and the self-refreshing timeline, each over the same services as the API."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking
from catalogue.models import CartItem, Review
from catalogue.tests.factories import ServiceFactory
from conftest import signed_in
from frontdesk.demo import WORK, booking_drive, booking_new, booking_steps
from garage.models import Timeslot
from garage.tests.factories import AddressFactory, CarClassFactory, CarModelFactory, CustomerCarFactory
from payments.models import Payment

pytestmark = pytest.mark.django_db



@pytest.fixture
def car(customer):
    return CustomerCarFactory(customer=customer)


@pytest.fixture
def address(customer):
    return AddressFactory(customer=customer)


@pytest.fixture
def alignment():
    return ServiceFactory(title="Wheel Alignment", price=800, time_hours=Decimal("1.00"))


def booking_form(car, address, services, *, days_ahead=2, drop_days=1, slot=None, **changes) -> dict:
    slot = slot or Timeslot.objects.get(name="Morning")
    pickup = timezone.localdate() + timedelta(days=days_ahead)
    return {"car": car.pk, "services": [s.pk for s in services], "pickup_type": "doorstep",
            "pickup_address": address.pk, "pickup_date": pickup.isoformat(), "pickup_timeslot": slot.pk,
            "drop_date": (pickup + timedelta(days=drop_days)).isoformat(), "drop_timeslot": slot.pk, **changes}


def test_the_wizard_starts_from_the_cart_and_books_it(customer, car, address, alignment):
    CartItem.objects.create(customer=customer, service=alignment)
    client = signed_in(customer)
    page = client.get("/portal/customer/book/")
    assert [s.pk for s in page.context["services_picked"]] == [alignment.pk]
    assert page.context["estimate"].totals.total == Decimal("944.00")  # 800 + 18% GST
    response = client.post("/portal/customer/book/", booking_form(car, address, [alignment], notes="Pulls left"))
    booking = Booking.objects.get(customer=customer)
    assert response["Location"] == f"/portal/customer/bookings/{booking.pk}/"
    assert booking.notes == "Pulls left" and booking.services.get().estimated_price == Decimal("800.00")
    assert not CartItem.objects.filter(customer=customer).exists()  # booked, so out of the cart


def test_too_little_time_for_the_work_is_explained_beside_the_drop_date(customer, car, address):
    big_job = ServiceFactory(title="Full Body Paint", time_hours=Decimal("40.00"))
    response = signed_in(customer).post("/portal/customer/book/", booking_form(car, address, [big_job]))
    assert response.status_code == 422
    assert response.context["form"].errors["drop_date"][0].startswith("The work takes about 40 hours")
    assert not Booking.objects.exists()


def test_a_full_slot_is_refused_beside_the_slot_and_nothing_is_booked(customer, other_customer, car, address,
                                                                     alignment):
    evening = Timeslot.objects.get(name="Evening")
    Timeslot.objects.filter(pk=evening.pk).update(capacity=1)
    booking_new(customer=other_customer, car=CustomerCarFactory(customer=other_customer),
                services_with_qty=[(alignment, 1)], address=AddressFactory(customer=other_customer), slot=evening)
    client = signed_in(customer)
    slots = client.get("/portal/customer/book/slots/pickup/", {
        "pickup_date": (timezone.localdate() + timedelta(days=2)).isoformat()}).content.decode()
    assert "Full" in slots and f'id="pickup_timeslot-{evening.pk}"' in slots
    response = client.post("/portal/customer/book/", booking_form(car, address, [alignment], slot=evening))
    assert response.status_code == 422
    assert "is full" in response.context["form"].errors["pickup_timeslot"][0]
    assert Booking.objects.filter(customer=customer).count() == 0


def test_someone_elses_car_or_address_cannot_be_booked(customer, other_customer, car, address, alignment):
    theirs = CustomerCarFactory(customer=other_customer)
    their_address = AddressFactory(customer=other_customer)
    client = signed_in(customer)
    assert "car" in client.post("/portal/customer/book/",
                                booking_form(theirs, address, [alignment])).context["form"].errors
    assert "pickup_address" in client.post("/portal/customer/book/",
                                           booking_form(car, their_address, [alignment])).context["form"].errors
    assert not Booking.objects.exists()


def test_the_estimate_and_slots_answer_whatever_the_query_holds(customer, car, alignment):
    client = signed_in(customer)
    estimate = client.get("/portal/customer/book/estimate/", {"car": car.pk, "services": [alignment.pk]})
    assert "₹944.00" in estimate.content.decode()
    for query in ({"car": "x", "services": "y"}, {}, {"services": [alignment.pk, 99999]}):
        assert client.get("/portal/customer/book/estimate/", query).status_code == 200
    assert client.get("/portal/customer/book/slots/pickup/", {"pickup_date": "not-a-date"}).status_code == 200
    assert client.get("/portal/customer/book/slots/sideways/").status_code == 404


@pytest.fixture
def quoted(customer, car, address, admin, mechanic):
    """A quote the garage approved for two booked services: Brake Pads ₹1000 and Brake Fluid ₹500."""
    booking = booking_new(customer=customer, car=car, address=address,
                          services_with_qty=[(ServiceFactory(title="Brake Pads", price=1000), 1),
                                             (ServiceFactory(title="Brake Fluid", price=500), 1)])
    return booking_drive(booking=booking, to="analysed@approved", admin=admin, mechanic=mechanic)


def test_the_confirm_total_follows_the_ticked_services(customer, quoted):
    client = signed_in(customer)
    page = client.get(f"/portal/customer/bookings/{quoted.pk}/")
    assert page.context["confirm_totals"].total == Decimal("1770.00")
    pads = quoted.services.get(service__title="Brake Pads").service_id
    one = client.get(f"/portal/customer/bookings/{quoted.pk}/confirm/total/", {"service_ids": [pads]})
    assert "₹1180.00" in one.content.decode()


def test_confirming_cash_on_delivery_starts_the_work_with_only_the_ticked_services(customer, quoted):
    pads = quoted.services.get(service__title="Brake Pads").service_id
    response = signed_in(customer).post(f"/portal/customer/bookings/{quoted.pk}/confirm/",
                                        {"service_ids": [pads], "payment_method": "cod"})
    assert response["Location"] == f"/portal/customer/bookings/{quoted.pk}/"
    quoted.refresh_from_db()
    assert quoted.status == "in-progress" and quoted.payment_method == "cod"
    assert sorted(quoted.services.values_list("service__title", "status")) == [
        ("Brake Fluid", "rejected"), ("Brake Pads", "confirmed")]


def test_confirming_online_opens_checkout_and_nothing_ticked_is_refused(customer, quoted):
    client = signed_in(customer)
    nothing = client.post(f"/portal/customer/bookings/{quoted.pk}/confirm/", {"payment_method": "online"})
    assert nothing.status_code == 422 and "Choose at least one service." in nothing.content.decode()
    response = client.post(f"/portal/customer/bookings/{quoted.pk}/confirm/", {
        "service_ids": list(quoted.services.values_list("service_id", flat=True)), "payment_method": "online"})
    payment = Payment.objects.get(booking=quoted)
    assert response["Location"] == f"/portal/payments/checkout/{payment.gateway_order_id}/"
    assert payment.amount == Decimal("1770.00")
    page = client.get(f"/portal/customer/bookings/{quoted.pk}/").content.decode()
    assert "A payment of ₹1770.00 is waiting." in page  # back on the booking, the payment is one tap away


def test_a_failed_sandbox_payment_leaves_the_quote_open(customer, quoted, settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    client = signed_in(customer)
    client.post(f"/portal/customer/bookings/{quoted.pk}/confirm/", {
        "service_ids": list(quoted.services.values_list("service_id", flat=True)), "payment_method": "online"})
    payment = Payment.objects.get(booking=quoted)
    client.post(f"/portal/payments/checkout/{payment.gateway_order_id}/", {"outcome": "fail"})
    payment.refresh_from_db()
    quoted.refresh_from_db()
    assert payment.status == "failed" and quoted.status == "analysed"
    again = client.get(f"/portal/payments/checkout/{payment.gateway_order_id}/", follow=True)
    assert "This payment is failed." in again.content.decode()


def test_cancelling_shows_the_fee_first_and_charges_exactly_that(customer, car, address, admin, mechanic,
                                                                  alignment):
    booking = booking_drive(booking=booking_new(customer=customer, car=car, address=address,
                                                services_with_qty=[(alignment, 1)]),
                            to="received", admin=admin, mechanic=mechanic)
    client = signed_in(customer)
    preview = client.get(f"/portal/customer/bookings/{booking.pk}/cancel/").content.decode()
    assert "Cancelling now costs <strong>₹118.00</strong>" in preview  # ₹100 + 18% GST once the car is with us
    booking.refresh_from_db()
    assert booking.status == "received"  # looking is free
    client.post(f"/portal/customer/bookings/{booking.pk}/cancel/", {"reason": "Sold the car"})
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancellation_fee + booking.cancellation_fee_gst == Decimal("118")


def test_a_booking_not_yet_collected_cancels_free(customer, car, address, alignment):
    booking = booking_new(customer=customer, car=car, address=address, services_with_qty=[(alignment, 1)])
    assert "is <strong>free</strong>" in signed_in(customer).get(
        f"/portal/customer/bookings/{booking.pk}/cancel/").content.decode()


def test_another_customers_booking_pages_are_not_found(customer, other_customer, quoted):
    client = signed_in(other_customer)
    for path in ("", "timeline/", "cancel/", "confirm/total/"):
        assert client.get(f"/portal/customer/bookings/{quoted.pk}/{path}").status_code == 404
    assert client.post(f"/portal/customer/bookings/{quoted.pk}/confirm/",
                       {"service_ids": [1], "payment_method": "cod"}).status_code == 404
    assert client.post(f"/portal/customer/bookings/{quoted.pk}/cancel/").status_code == 404
    quoted.refresh_from_db()
    assert quoted.status == "analysed"


def test_the_polled_timeline_reloads_the_page_when_something_happened(customer, quoted, admin, mechanic):
    client = signed_in(customer)
    seen = quoted.events.count()
    polled = client.get(f"/portal/customer/bookings/{quoted.pk}/timeline/?seen={seen}", HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "HX-Refresh" not in polled
    client.post(f"/portal/customer/bookings/{quoted.pk}/confirm/", {
        "service_ids": list(quoted.services.values_list("service_id", flat=True)), "payment_method": "cod"})
    polled = client.get(f"/portal/customer/bookings/{quoted.pk}/timeline/?seen={seen}", HTTP_HX_REQUEST="true")
    assert polled["HX-Refresh"] == "true"


def test_reviews_only_after_the_work_is_done(customer, quoted, admin, mechanic):
    client = signed_in(customer)
    pads = quoted.services.get(service__title="Brake Pads").service
    early = client.post(f"/portal/customer/reviews/{pads.pk}/", {"rating": "5", "booking": quoted.pk}, follow=True)
    assert "once a booking that included it is completed" in early.content.decode()
    completed = Booking.objects.get(pk=quoted.pk)

    booking_steps(booking=completed, steps=WORK[3:], admin=admin, mechanic=mechanic)
    page = client.get(f"/portal/customer/bookings/{quoted.pk}/").content.decode()
    assert "How was Brake Pads?" in page
    bad = client.post(f"/portal/customer/reviews/{pads.pk}/", {"rating": "9", "booking": quoted.pk}, follow=True)
    assert "Choose from 1 to 5 stars" in bad.content.decode() and not Review.objects.exists()
    client.post(f"/portal/customer/reviews/{pads.pk}/", {"rating": "4", "text": "Brakes feel new.",
                                                         "booking": quoted.pk})
    assert Review.objects.get(customer=customer, service=pads).rating == 4
    assert "How was Brake Pads?" not in client.get(f"/portal/customer/bookings/{quoted.pk}/").content.decode()


def test_my_bookings_filters_by_the_status_the_customer_sees(customer, car, address, alignment, admin, mechanic):
    booking_new(customer=customer, car=car, address=address, services_with_qty=[(alignment, 1)])
    fetched = booking_drive(booking=booking_new(customer=customer, car=car, address=address,
                                                services_with_qty=[(alignment, 1)], days_ahead=3),
                            to="received", admin=admin, mechanic=mechanic)
    client = signed_in(customer)
    shown = client.get("/portal/customer/bookings/?status=pickup").context["page"]
    assert [b.pk for b in shown] == [fetched.pk]  # received is shown to customers as pickup
    assert len(client.get("/portal/customer/bookings/?status=nonsense").context["page"]) == 2


def test_messages_list_what_was_written_to_this_customer_only(customer, other_customer, car, address, alignment):
    booking = booking_new(customer=customer, car=car, address=address, services_with_qty=[(alignment, 1)])
    mine = signed_in(customer).get("/portal/customer/messages/").content.decode()
    assert f"Booking #{booking.pk}: Booked" in mine
    assert f"Booking #{booking.pk}" not in signed_in(other_customer).get("/portal/customer/messages/").content.decode()


def test_a_service_not_priced_for_the_car_is_flagged_in_the_estimate_and_refused_on_booking(customer, address,
                                                                                          alignment):
    luxury_car = CustomerCarFactory(customer=customer, car_model=CarModelFactory(car_class=CarClassFactory(
        name="Luxury")))
    client = signed_in(customer)
    estimate = client.get("/portal/customer/book/estimate/", {"car": luxury_car.pk, "services": [alignment.pk]})
    assert "not offered for this car" in estimate.content.decode()
    response = client.post("/portal/customer/book/", booking_form(luxury_car, address, [alignment]))
    assert response.status_code == 422 and "has no price for Luxury cars" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_slot_that_ended_today_shows_as_ended_and_is_refused_beside_it(customer, car, address, alignment,
                                                                        ended_slot):
    client = signed_in(customer)
    slots = client.get("/portal/customer/book/slots/pickup/", {
        "pickup_date": timezone.localdate().isoformat()}).content.decode()
    ended_radio = slots.split(f'id="pickup_timeslot-{ended_slot.pk}"')[1].split(">")[0]
    assert "disabled" in ended_radio and "Ended" in slots
    response = client.post("/portal/customer/book/", booking_form(car, address, [alignment], days_ahead=0,
                                                                   drop_days=2, slot=ended_slot))
    assert response.status_code == 422
    assert "has already ended" in response.context["form"].errors["pickup_timeslot"][0]
    assert not Booking.objects.exists()


def test_the_wizard_refuses_a_date_past_the_horizon_beside_it(customer, car, address, alignment):
    response = signed_in(customer).post("/portal/customer/book/", booking_form(car, address, [alignment],
                                                                               days_ahead=61))
    assert response.status_code == 422
    assert "60 days ahead" in response.context["form"].errors["pickup_date"][0]
    assert not Booking.objects.exists()
