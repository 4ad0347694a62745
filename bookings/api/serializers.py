from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from bookings import selectors
from bookings.lifecycle import condensed_status
from bookings.models import (
    AssignmentKind,
    AssignmentType,
    BookingStatus,
    DecisionChannel,
    FindingSeverity,
    FuelLevel,
    PaymentMethod,
    PickupType,
)
from catalogue.models import Service
from garage.models import Address, CustomerCar, Timeslot
from revcare.api.fields import JSONListField
from revcare.api.serializers import ModelInputSerializer, RowIdField


class AssignmentTypeSerializer(ModelInputSerializer):
    """One of the four fixed kinds (`code`) with the label staff give it; only name and description change."""

    code = serializers.ChoiceField(source="kind", choices=AssignmentKind.choices,
                                   help_text="pickup, analysis, service or drop: fixed, never renamed")
    needs_pickup_drop = serializers.BooleanField(read_only=True)
    needs_analysis = serializers.BooleanField(read_only=True)

    class Meta:
        model = AssignmentType
        fields = ["id", "code", "name", "description", "needs_pickup_drop", "needs_analysis"]


# Input -------------------------------------------------------------------------------------------


class RequestedServiceSerializer(serializers.Serializer):
    service_id = serializers.PrimaryKeyRelatedField(source="service", queryset=Service.objects.all())
    quantity = serializers.IntegerField(min_value=1, max_value=20, default=1)


class BookingCreateInputSerializer(serializers.Serializer):
    """The contract's sample shape, plus dates, the drop slot and addresses."""

    customer_id = serializers.RegexField(r"^CST\d{6}$", required=False,
                                         help_text="Admins booking for a customer; a customer may give their own")
    vehicle_id = serializers.PrimaryKeyRelatedField(source="car", queryset=CustomerCar.objects.select_related(
        "car_model__car_class"))
    pickup_type = serializers.ChoiceField(choices=PickupType.choices)
    timeslot_id = serializers.PrimaryKeyRelatedField(source="pickup_timeslot", queryset=Timeslot.objects.all())
    pickup_date = serializers.DateField()
    drop_date = serializers.DateField()
    drop_timeslot_id = serializers.PrimaryKeyRelatedField(source="drop_timeslot", queryset=Timeslot.objects.all(),
                                                          required=False, help_text="Defaults to the pickup slot")
    pickup_address_id = serializers.PrimaryKeyRelatedField(source="pickup_address", queryset=Address.objects.all(),
                                                           required=False, allow_null=True)
    drop_address_id = serializers.PrimaryKeyRelatedField(source="drop_address", queryset=Address.objects.all(),
                                                         required=False, allow_null=True,
                                                         help_text="Defaults to the pickup address")
    services = RequestedServiceSerializer(many=True, allow_empty=False)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    reminder_token = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                           help_text="From a deferred-work reminder's link: the booking is "
                                                     "credited to that reminder")


class ConfirmServicesInputSerializer(serializers.Serializer):
    service_ids = serializers.ListField(child=RowIdField(), allow_empty=False,
                                        help_text="Ids of the quoted and recommended services to have done")
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class AssignInputSerializer(serializers.Serializer):
    booking_id = RowIdField()
    mechanic_id = serializers.RegexField(r"^MEC\d{6}$")
    assignment_type = serializers.SlugRelatedField(slug_field="kind", queryset=AssignmentType.objects.all(),
                                                   help_text="pickup, analysis, service, drop")


class SuggestionQuerySerializer(serializers.Serializer):
    assignment_type = serializers.SlugRelatedField(slug_field="kind", queryset=AssignmentType.objects.all())


class QuoteSerializer(serializers.Serializer):
    service_id = serializers.PrimaryKeyRelatedField(source="service", queryset=Service.objects.all())
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0"))


class RecommendedServiceSerializer(QuoteSerializer):
    quantity = serializers.IntegerField(min_value=1, max_value=20, default=1)


class AnalysisInputSerializer(serializers.Serializer):
    booking_id = RowIdField()
    description = serializers.CharField(max_length=5000)
    recommendation = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    quotes = JSONListField(child=QuoteSerializer(), allow_empty=False,
                           help_text="A quoted price for every booked service")
    recommended = JSONListField(child=RecommendedServiceSerializer(), required=False, default=list)
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=5)


class AnalysisEditInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=5000, required=False)
    recommendation = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    quotes = JSONListField(child=QuoteSerializer(), required=False)


class ProgressInputSerializer(serializers.Serializer):
    """The contract's sample (booking_id, service_id, status_id, notes) plus completed services and photos."""

    booking_id = RowIdField()
    status_id = RowIdField(required=False,
                                         help_text="Id of a booking status in /utils/status")
    status = serializers.ChoiceField(choices=BookingStatus.choices, required=False,
                                     help_text="The same as status_id, by code")
    service_id = RowIdField(required=False, help_text="One service completed")
    completed_service_ids = JSONListField(child=RowIdField(), required=False, default=list)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=5)

    def validate(self, data):
        from garage.models import Status

        if "status_id" in data:
            status = Status.objects.filter(pk=data.pop("status_id"), kind="booking").first()
            if status is None:
                raise serializers.ValidationError({"status_id": ["Not a booking status."]})
            data["status"] = status.code
        if "status" not in data:
            raise serializers.ValidationError({"status_id": ["Give status_id or status."]})
        if "service_id" in data:
            data["completed_service_ids"] = [*data["completed_service_ids"], data.pop("service_id")]
        return data


class ProgressEditInputSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    completed_service_ids = JSONListField(child=RowIdField(), required=False)


class DashboardQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=BookingStatus.choices, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    mechanic_id = serializers.RegexField(r"^MEC\d{6}$", required=False)
    customer_id = serializers.RegexField(r"^CST\d{6}$", required=False)


class CustomerListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[status for status in BookingStatus.values
                                              if condensed_status(status) == status], required=False)


class AssignmentListQuerySerializer(serializers.Serializer):
    open = serializers.BooleanField(required=False, allow_null=True, default=None)


# Output ------------------------------------------------------------------------------------------


class PersonRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    name = serializers.CharField(source="get_full_name")


class LineDecisionSerializer(serializers.Serializer):
    approved = serializers.BooleanField()
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="The price the customer saw")
    quantity = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=DecisionChannel.choices)
    by = serializers.CharField(source="actor.public_id")
    at = serializers.DateTimeField(source="decided_at")


class BookedServiceSerializer(serializers.Serializer):
    service_id = serializers.IntegerField()
    title = serializers.CharField(source="service.title")
    quantity = serializers.IntegerField()
    estimated_price = serializers.DecimalField(max_digits=10, decimal_places=2)
    quoted_price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    status = serializers.CharField(help_text="booked (awaiting the customer's decision), confirmed or rejected")
    is_recommended = serializers.BooleanField()
    is_done = serializers.BooleanField()
    decisions = LineDecisionSerializer(source="decisions.all", many=True,
                                       help_text="Every approval or refusal of this line, oldest first")


class EventSerializer(serializers.Serializer):
    from_status = serializers.SerializerMethodField()
    to_status = serializers.SerializerMethodField()
    by = serializers.CharField(source="actor.public_id", default=None)
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")

    def _shown(self, status: str) -> str:
        return condensed_status(status) if status and self.context.get("condensed") else status

    def get_from_status(self, event) -> str:
        return self._shown(event.from_status)

    def get_to_status(self, event) -> str:
        return self._shown(event.to_status)


def photo_links(context: dict, kind: str, images) -> list[str]:
    """Links to the access-checked photo endpoint (never the storage's own address)."""
    from django.urls import reverse

    request = context.get("request")
    paths = [reverse("booking-photo-file", kwargs={"kind": kind, "image_id": image.pk}) for image in images]
    return [request.build_absolute_uri(path) for path in paths] if request else paths


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField(source="assignment_type.kind")
    mechanic = PersonRefSerializer()
    assigned_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class ProgressSerializer(serializers.Serializer):
    """The contract's answer to a progress post, and the entries in a booking's detail."""

    id = serializers.IntegerField()
    booking_id = serializers.IntegerField()
    status = serializers.CharField()
    updated_by = serializers.CharField(source="mechanic.public_id")
    timestamp = serializers.DateTimeField(source="created_at")
    notes = serializers.CharField()
    completed_service_ids = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    validated_at = serializers.DateTimeField(allow_null=True)

    def get_completed_service_ids(self, progress) -> list[int]:
        return sorted(row.service_id for row in progress.completed_services.all())

    def get_images(self, progress) -> list[str]:
        return photo_links(self.context, "progress", progress.images.all())


class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    severity = serializers.ChoiceField(choices=FindingSeverity.choices)
    note = serializers.CharField()
    service_id = serializers.IntegerField(source="line.service_id", allow_null=True, default=None)
    service_title = serializers.CharField(source="line.service.title", allow_null=True, default=None)
    quoted_price = serializers.DecimalField(source="line.quoted_price", max_digits=10, decimal_places=2,
                                            allow_null=True, default=None)
    due_km = serializers.IntegerField(allow_null=True)
    images = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_images(self, finding) -> list[str]:
        return photo_links(self.context, "finding", finding.images.all())


class FindingInputSerializer(serializers.Serializer):
    """One finding, sent as multipart with its photos."""

    booking_id = RowIdField()
    severity = serializers.ChoiceField(choices=FindingSeverity.choices)
    note = serializers.CharField(max_length=2000)
    service_id = serializers.PrimaryKeyRelatedField(source="service", queryset=Service.objects.all(), required=False,
                                                    help_text="The service that fixes it")
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False,
                                     help_text="Its quoted price (needed when the booking does not have it yet)")
    quantity = serializers.IntegerField(min_value=1, max_value=20, default=1)
    due_km = serializers.IntegerField(min_value=0, max_value=2_000_000, required=False,
                                      help_text="Odometer reading by which the fix is due")
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=5)


class AnalysisSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField()
    mechanic = PersonRefSerializer()
    description = serializers.CharField()
    recommendation = serializers.CharField()
    images = serializers.SerializerMethodField()
    findings = FindingSerializer(source="findings.all", many=True)
    submitted_at = serializers.DateTimeField()
    validated_at = serializers.DateTimeField(allow_null=True)

    def get_images(self, analysis) -> list[str]:
        return photo_links(self.context, "analysis", analysis.images.all())


class RepriceInputSerializer(serializers.Serializer):
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0"))


class LineDecisionInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true approves the line at its current price; false declines it")


class TotalsSerializer(serializers.Serializer):
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    gst_percent = serializers.DecimalField(max_digits=4, decimal_places=2)
    gst = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)


class CancellationFeeSerializer(serializers.Serializer):
    fee = serializers.DecimalField(source="cancellation_fee", max_digits=10, decimal_places=2)
    gst = serializers.DecimalField(source="cancellation_fee_gst", max_digits=10, decimal_places=2)
    total = serializers.DecimalField(source="cancellation_total", max_digits=10, decimal_places=2)


class CustodyRecordSerializer(serializers.Serializer):
    stage = serializers.CharField()
    odometer_km = serializers.IntegerField()
    fuel_level = serializers.ChoiceField(choices=FuelLevel.choices)
    notes = serializers.CharField()
    recorded_by = serializers.CharField(source="recorded_by.public_id")
    recorded_at = serializers.DateTimeField()
    handed_over_at = serializers.DateTimeField(allow_null=True, help_text="When the customer's code confirmed it")
    photos = serializers.SerializerMethodField()
    disputed_at = serializers.DateTimeField(allow_null=True)
    dispute_note = serializers.CharField()

    def get_photos(self, record) -> list[str]:
        return photo_links(self.context, "custody", record.photos.all())


class BookingListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.SerializerMethodField()
    customer = PersonRefSerializer()
    vehicle = serializers.CharField(source="car.registration_number")
    car_model = serializers.CharField(source="car.car_model.name")
    pickup_type = serializers.CharField()
    pickup_date = serializers.DateField()
    pickup_timeslot = serializers.CharField(source="pickup_timeslot.name")
    drop_date = serializers.DateField()
    drop_timeslot = serializers.CharField(source="drop_timeslot.name")
    services = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_status(self, booking) -> str:
        # Customers read the condensed status; staff the real one.
        return condensed_status(booking.status) if self.context.get("condensed") else booking.status

    def get_services(self, booking) -> list[str]:
        return [row.service.title for row in booking.services.all()]


class DashboardRowSerializer(BookingListSerializer):
    action_required = serializers.SerializerMethodField()

    def get_action_required(self, booking) -> str:
        return selectors.action_required(booking)


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
        from payments.selectors import invoice_of

        invoice = invoice_of(booking_id=booking.pk)
        return {"number": invoice.number, "url": reverse("portal:invoice", args=[booking.pk])} if invoice else None

    def get_analysis(self, booking) -> AnalysisSerializer(allow_null=True):
        analysis = selectors.booking_analysis(booking)
        return AnalysisSerializer(analysis, context=self.context).data if analysis else None

    def get_totals(self, booking) -> TotalsSerializer:
        return TotalsSerializer(selectors.booking_totals(booking)).data

    def get_cancellation(self, booking) -> CancellationFeeSerializer(allow_null=True):
        return CancellationFeeSerializer(booking).data if booking.cancellation_fee is not None else None


class CancellationSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField(source="booking.pk")
    status = serializers.CharField(source="booking.status")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    gst = serializers.DecimalField(max_digits=10, decimal_places=2)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    refund = serializers.DecimalField(max_digits=10, decimal_places=2)


class DashboardSummarySerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    pickups_today = serializers.IntegerField()
    drops_today = serializers.IntegerField()
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    reminders_sent = serializers.IntegerField(help_text="Deferred-work reminders emailed")
    reminders_booked = serializers.IntegerField(help_text="Of those, how many led to a booking")


class SuggestionSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    name = serializers.CharField(source="get_full_name")
    open_assignments = serializers.IntegerField()
    score = serializers.IntegerField(source="mechanic_profile.score")


class MechanicAssignmentSerializer(serializers.Serializer):
    """A job card on the mechanic's tablet."""

    id = serializers.IntegerField()
    type = serializers.CharField(source="assignment_type.kind")
    booking_id = serializers.IntegerField()
    status = serializers.CharField(source="booking.status")
    customer_name = serializers.CharField(source="booking.customer.get_full_name")
    customer_phone = serializers.CharField(source="booking.customer.phone")
    vehicle = serializers.CharField(source="booking.car.registration_number")
    car_model = serializers.CharField(source="booking.car.car_model.name")
    address = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()
    timeslot = serializers.SerializerMethodField()
    notes = serializers.CharField(source="booking.notes")
    assigned_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)

    def _is_drop(self, assignment) -> bool:
        return assignment.assignment_type.kind == AssignmentKind.DROP

    def get_address(self, assignment) -> str | None:
        booking = assignment.booking
        place = booking.drop_place if self._is_drop(assignment) else booking.pickup_place
        return str(place) if place else None

    def get_date(self, assignment) -> str:
        booking = assignment.booking
        return (booking.drop_date if self._is_drop(assignment) else booking.pickup_date).isoformat()

    def get_timeslot(self, assignment) -> str:
        booking = assignment.booking
        return (booking.drop_timeslot if self._is_drop(assignment) else booking.pickup_timeslot).name


class BookingConfirmSerializer(BookingDetailSerializer):
    payment = serializers.SerializerMethodField()

    def get_payment(self, booking) -> dict | None:
        from payments.api.serializers import CheckoutSerializer

        return CheckoutSerializer(booking.checkout).data if getattr(booking, "checkout", None) else None


class DeferredItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    car_id = serializers.IntegerField()
    vehicle = serializers.CharField(source="car.registration_number")
    service_id = serializers.IntegerField()
    service_title = serializers.CharField(source="service.title")
    severity = serializers.ChoiceField(choices=FindingSeverity.choices)
    due_date = serializers.DateField()
    due_km = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="open, booked or dismissed")
    finding_note = serializers.CharField(source="finding.note", allow_null=True, default=None)
    booked_in = serializers.IntegerField(source="booked_in_id", allow_null=True)


class DeferredListQuerySerializer(serializers.Serializer):
    car_id = RowIdField(required=False)
    status = serializers.ChoiceField(choices=["open", "booked", "dismissed", "all"], default="open")


class HistoryServiceSerializer(serializers.Serializer):
    service_id = serializers.IntegerField()
    title = serializers.CharField(source="service.title")
    quantity = serializers.IntegerField()
    quoted_price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    status = serializers.CharField()
    is_done = serializers.BooleanField()


class HistoryVisitSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField(source="pk")
    pickup_date = serializers.DateField()
    status = serializers.CharField()
    services = HistoryServiceSerializer(source="services.all", many=True)
    findings = FindingSerializer(source="finding_list", many=True)
    invoice = serializers.SerializerMethodField()

    def get_invoice(self, booking) -> dict | None:
        invoice = getattr(booking, "invoice", None)
        return {"number": invoice.number, "total": str(invoice.total)} if invoice else None


class OdometerReadingSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField()
    stage = serializers.CharField()
    odometer_km = serializers.IntegerField()
    recorded_at = serializers.DateTimeField()


class CarHistorySerializer(serializers.Serializer):
    car_id = serializers.IntegerField(source="car.pk")
    vehicle = serializers.CharField(source="car.registration_number")
    car_model = serializers.CharField(source="car.car_model.name")
    visits = HistoryVisitSerializer(source="bookings", many=True)
    deferred = DeferredItemSerializer(many=True)
    odometer_readings = OdometerReadingSerializer(source="readings", many=True)


class EfficiencyQuerySerializer(serializers.Serializer):
    """The period's rules (years 2000–2100, at most EFFICIENCY_MAX_PERIOD_DAYS) live in the selector."""

    date_from = serializers.DateField(required=False, help_text="Default: 30 days ago")
    date_to = serializers.DateField(required=False, help_text="Default: today")


class EfficiencyRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    lines = serializers.IntegerField(help_text="Service lines completed")
    estimated_hours = serializers.DecimalField(source="estimated", max_digits=10, decimal_places=2)
    actual_hours = serializers.DecimalField(source="actual", max_digits=10, decimal_places=2)
    efficiency_percent = serializers.DecimalField(source="efficiency", max_digits=None, decimal_places=0,
                                                  allow_null=True, help_text="Null when there is not enough data")
    efficiency_reason = serializers.CharField(allow_null=True,
                                              help_text="Why there is no percentage (too few actual hours)")


class EfficiencySerializer(serializers.Serializer):
    formula = serializers.CharField()
    mechanics = EfficiencyRowSerializer(many=True)
    services = EfficiencyRowSerializer(many=True)


class CustodyInputSerializer(serializers.Serializer):
    """The handover record, sent as multipart with the walk-round photos."""

    booking_id = RowIdField()
    odometer_km = serializers.IntegerField(min_value=0, max_value=2_000_000)
    fuel_level = serializers.ChoiceField(choices=FuelLevel.choices)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=5,
                                   help_text="The walk-round: at least one photo")


class CustodyConfirmInputSerializer(serializers.Serializer):
    booking_id = RowIdField()
    code = serializers.RegexField(r"^\d{6}$", help_text="The six-digit code emailed to the customer")


class CustodyDisputeInputSerializer(serializers.Serializer):
    note = serializers.CharField(min_length=5, max_length=1000, help_text="What does not match")
