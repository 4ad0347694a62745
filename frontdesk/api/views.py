
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status

from bookings.api.serializers import (
    BookingCreateInputSerializer,
    BookingListSerializer,
    CancelInputSerializer,
    CancellationSerializer,
    ConfirmServicesInputSerializer,
    CustomerListQuerySerializer,
    LineDecisionInputSerializer,
    RepriceInputSerializer,
)
from bookings.models import DecisionChannel
from bookings.selectors.access import customer_booking_list
from bookings.services.confirmation import booking_cancel
from bookings.services.consent import line_decide, line_reprice
from bookings.services.creation import booking_check_in, booking_check_out, booking_create, booking_customer_for
from frontdesk.api import serializers
from frontdesk.selectors import dashboard_bookings, dashboard_summary, dashboard_total
from payments.services import services_confirm
from revcare.api.pagination import CountedQuerySet
from revcare.api.permissions import admin_only
from revcare.api.viewsets import ApiViewSet
from revcare.roles import RoleName
from workshop.selectors.work import (
    booking_detail,
)


class BookingViewSet(ApiViewSet):
    """The customer's booking lifecycle (admins may act on any booking, e.g. for a walk-in)."""

    output_serializer_class = serializers.BookingDetailSerializer
    required_scopes = {"create": "WRITE:BOOKINGS", "retrieve": "READ:BOOKINGS", "customer_list": "READ:BOOKINGS",
                       "confirm_services": "UPDATE:BOOKED_SERVICES", "line_decision": "UPDATE:BOOKED_SERVICES",
                       "cancel": "UPDATE:BOOKINGS"}
    filter_backends = []

    def get_serializer_class(self):
        return {"create": BookingCreateInputSerializer}.get(self.action, self.output_serializer_class)

    def get_serializer_context(self):
        condensed = getattr(self.request.user, "role_id", None) == RoleName.CUSTOMER
        return {**super().get_serializer_context(), "condensed": condensed}

    def booking_or_404(self, booking_id: int):
        booking = booking_detail(user=self.request.user, booking_id=booking_id)
        if booking is None:
            raise Http404
        return booking

    def create(self, request, *args, **kwargs):
        data = self.validated_input()
        data["services"] = [dict(row) for row in data["services"]]
        data.setdefault("drop_timeslot", data["pickup_timeslot"])
        customer = booking_customer_for(actor=request.user, customer_public_id=data.pop("customer_id", None))
        booking = booking_create(customer=customer, created_by=request.user, **data)
        return self.output(self.booking_or_404(booking.pk), status.HTTP_201_CREATED)

    def retrieve(self, request, booking_id: int):
        return self.output(self.booking_or_404(booking_id))

    @extend_schema(parameters=[CustomerListQuerySerializer],
                   responses={200: BookingListSerializer(many=True)})
    def customer_list(self, request):
        """Your own bookings, newest first, with the condensed statuses customers see."""
        query = self.validated_query(CustomerListQuerySerializer)
        bookings = customer_booking_list(customer=request.user, shown_status=query.get("status"))
        return self.output_page(bookings, serializer_class=BookingListSerializer)

    @extend_schema(request=ConfirmServicesInputSerializer,
                   responses={200: serializers.BookingConfirmSerializer},
                   description="cod starts the work at once. online answers the Razorpay order to pay "
                               "(`payment`: order_id, amount in paise, currency, key_id); the booking waits "
                               "in analysed until the payment is verified.")
    def confirm_services(self, request, booking_id: int):
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(ConfirmServicesInputSerializer)
        confirmation = services_confirm(booking_id=booking.pk, actor=request.user,
                                        channel=DecisionChannel.API, **data)
        detail = self.booking_or_404(booking.pk)
        detail.checkout = confirmation.payment
        return self.output(detail, serializer_class=serializers.BookingConfirmSerializer)

    @extend_schema(request=LineDecisionInputSerializer,
                   responses={200: serializers.BookingDetailSerializer},
                   description="Approve or decline one line whose price the garage changed after the work started "
                               "(its status is booked again). The decision is kept with the price seen; work on "
                               "the line waits for it.")
    def line_decision(self, request, booking_id: int, service_id: int):
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(LineDecisionInputSerializer)
        line_decide(booking_id=booking.pk, service_id=service_id, approve=data["approve"],
                    actor=request.user, channel=DecisionChannel.API)
        return self.output(self.booking_or_404(booking.pk))

    @extend_schema(request=CancelInputSerializer, responses={200: CancellationSerializer})
    def cancel(self, request, booking_id: int):
        """Cancel, with the fee of domain.md; the answer says the fee and any refund."""
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(CancelInputSerializer)
        cancellation = booking_cancel(booking_id=booking.pk, actor=request.user, reason=data["reason"])
        return self.output(cancellation, serializer_class=CancellationSerializer)


class BookingAdminViewSet(ApiViewSet):
    """The admin desk's booking oversight."""

    output_serializer_class = serializers.BookingDetailSerializer
    required_scopes = {
        "dashboard": admin_only("READ:BOOKINGS"),
        "check_in": "UPDATE:BOOKING_PROGRESS",
        "check_out": "UPDATE:BOOKING_PROGRESS",
        "line_reprice": admin_only("UPDATE:BOOKED_SERVICES"),
    }
    filter_backends = []

    @extend_schema(parameters=[serializers.DashboardQuerySerializer],
                   responses={200: serializers.DashboardRowSerializer(many=True)},
                   description="The page of bookings (with `action_required`) plus `summary`: counts per "
                               "status, today's pickups and drops, revenue.")
    def dashboard(self, request):
        query = self.validated_query(serializers.DashboardQuerySerializer)
        filters = {"status": query.get("status"), "date_from": query.get("date_from"),
                   "date_to": query.get("date_to"), "mechanic_public_id": query.get("mechanic_id"),
                   "customer_public_id": query.get("customer_id")}
        bookings = dashboard_bookings(**filters)
        summary = dashboard_summary()
        total = dashboard_total(summary, **filters)
        if total is not None:  # counting 100,000 bookings again would cost more than the page itself
            bookings = CountedQuerySet(bookings, total)
        response = self.output_page(bookings, serializer_class=serializers.DashboardRowSerializer)
        response.data["summary"] = serializers.DashboardSummarySerializer(summary).data
        return response

    def booking_output(self, booking_id: int):
        return self.output(booking_detail(user=self.request.user, booking_id=booking_id))

    @extend_schema(request=None, responses={200: serializers.BookingDetailSerializer})
    def check_in(self, request, booking_id: int):
        """The customer brought the car in (self pickup): booked → received."""
        booking_check_in(booking_id=booking_id, admin=request.user)
        return self.booking_output(booking_id)

    @extend_schema(request=None, responses={200: serializers.BookingDetailSerializer})
    def check_out(self, request, booking_id: int):
        """The customer collected the car (self pickup): completed → delivered."""
        booking_check_out(booking_id=booking_id, admin=request.user)
        return self.booking_output(booking_id)

    @extend_schema(request=RepriceInputSerializer, responses={200: serializers.BookingDetailSerializer},
                   description="Change a line's quoted price. Once the work has started, a line the customer had "
                               "decided goes back to booked: it needs their approval again before work on it.")
    def line_reprice(self, request, booking_id: int, service_id: int):
        if booking_detail(user=request.user, booking_id=booking_id) is None:
            raise Http404
        data = self.validated_input(RepriceInputSerializer)
        line_reprice(booking_id=booking_id, service_id=service_id, price=data["price"], admin=request.user)
        return self.booking_output(booking_id)
