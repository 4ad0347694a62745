"""A booking seen whole (its lines and timeline, the work on it, its invoice) and the desk's dashboard."""

from django.urls import reverse
from rest_framework import serializers

from bookings.api.serializers import (
    BookedServiceSerializer,
    BookingListSerializer,
    CancellationFeeSerializer,
    EventSerializer,
    TotalsSerializer,
)
from bookings.models import BookingStatus
from bookings.selectors.totals import booking_totals
from frontdesk.selectors import action_required
from payments.api.serializers import CheckoutSerializer
from payments.selectors import invoice_of
from workshop.api.serializers import (
    AnalysisSerializer,
    AssignmentSerializer,
    CustodyRecordSerializer,
    ProgressSerializer,
)
from workshop.selectors.work import booking_analysis


class DashboardQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=BookingStatus.choices, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    mechanic_id = serializers.RegexField(r"^MEC\d{6}$", required=False)
    customer_id = serializers.RegexField(r"^CST\d{6}$", required=False)


class DashboardRowSerializer(BookingListSerializer):
    action_required = serializers.SerializerMethodField()

    def get_action_required(self, booking) -> str:
        return action_required(booking)


class DashboardSummarySerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    pickups_today = serializers.IntegerField()
    drops_today = serializers.IntegerField()
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    reminders_sent = serializers.IntegerField(help_text="Deferred-work reminders emailed")
    reminders_booked = serializers.IntegerField(help_text="Of those, how many led to a booking")


class BookingDetailSerializer(BookingListSerializer):
    notes = serializers.CharField()
    pickup_address = serializers.CharField(source="pickup_place", allow_null=True,
                                           help_text="As it was when booked (later edits do not change it)")
    drop_address = serializers.CharField(source="drop_place", allow_null=True,
                                         help_text="As it was when booked (later edits do not change it)")
    payment_method = serializers.CharField()
    booked_services = BookedServiceSerializer(source="services.all", many=True)
    timeline = EventSerializer(source="events.all", many=True)
    assignments = AssignmentSerializer(source="assignments.all", many=True)
    progress = ProgressSerializer(source="progress_entries.all", many=True)
    analysis = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()
    cancellation = serializers.SerializerMethodField()
    invoice = serializers.SerializerMethodField()
    custody = CustodyRecordSerializer(source="custody_records.all", many=True,
                                      help_text="The doorstep handovers: odometer, fuel, photos, confirmation")

    def get_invoice(self, booking) -> dict | None:
        invoice = invoice_of(booking_id=booking.pk)
        return {"number": invoice.number, "url": reverse("portal:invoice", args=[booking.pk])} if invoice else None

    def get_analysis(self, booking) -> AnalysisSerializer(allow_null=True):
        analysis = booking_analysis(booking)
        return AnalysisSerializer(analysis, context=self.context).data if analysis else None

    def get_totals(self, booking) -> TotalsSerializer:
        return TotalsSerializer(booking_totals(booking)).data

    def get_cancellation(self, booking) -> CancellationFeeSerializer(allow_null=True):
        return CancellationFeeSerializer(booking).data if booking.cancellation_fee is not None else None


class BookingConfirmSerializer(BookingDetailSerializer):
    payment = serializers.SerializerMethodField()

    def get_payment(self, booking) -> dict | None:
        return CheckoutSerializer(booking.checkout).data if getattr(booking, "checkout", None) else None
