"""Ids typed into a portal's query string or form are read by one rule (revcare.portal.row_id): "²" is a
digit to str.isdigit() but not to int(), and a number too big for the database is no id either. Each
place that reads one answers as for any other wrong id, never a 500."""

import pytest

from bookings.tests.flow import BookingFlow
from conftest import signed_in

pytestmark = pytest.mark.django_db

NOT_IDS = ["²", "1²", "9" * 30]



@pytest.mark.parametrize("typed", NOT_IDS)
def test_ids_that_are_not_ids_never_give_a_500(typed, customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_analysed(validate=False)
    booking, service = flow.booking_id, flow.booking.services.first().service_id
    portal, desk = signed_in(customer), signed_in(admin)
    answers = {
        "book?service": portal.get("/portal/customer/book/", {"service": typed}),
        "book?car": portal.get("/portal/customer/book/", {"car": typed}),
        "car models": portal.get("/portal/customer/cars/models/", {"manufacturer": typed}),
        "confirm total": portal.get(f"/portal/customer/bookings/{booking}/confirm/total/", {"service_ids": typed}),
        "timeline": portal.get(f"/portal/customer/bookings/{booking}/timeline/", {"seen": typed},
                               HTTP_HX_REQUEST="true"),
        "review": portal.post(f"/portal/customer/reviews/{service}/", {"booking": typed, "rating": 5}),
        "desk analysis": desk.post(f"/portal/desk/bookings/{booking}/analysis/", {
            "quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "0", "quotes-0-service_id": typed,
            "quotes-0-price": "100"}),
    }
    assert {name: answer.status_code for name, answer in answers.items() if answer.status_code >= 500} == {}
