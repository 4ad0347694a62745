from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from accounts.api.serializers import StaffInputSerializer
from accounts.models import User
from bookings.api.serializers import PersonRefSerializer
from bookings.models import AssignmentKind, BookingStatus
from catalogue.models import Category, Service
from garage.models import Status
from revcare.api.fields import JSONListField
from revcare.api.serializers import ModelInputSerializer, RowIdField
from revcare.roles import RoleName
from workshop.models import AssignmentType, FindingSeverity, FuelLevel

# The services and the tablet's forms refuse by the same setting (workshop.photos).
MAX_PHOTOS = settings.MAX_ANALYSIS_IMAGES


class AssignmentTypeSerializer(ModelInputSerializer):
    """One of the four fixed kinds (`code`) with the label staff give it; only name and description change."""

    code = serializers.ChoiceField(source="kind", choices=AssignmentKind.choices,
                                   help_text="pickup, analysis, service or drop: fixed, never renamed")
    needs_pickup_drop = serializers.BooleanField(read_only=True)
    needs_analysis = serializers.BooleanField(read_only=True)

    class Meta:
        model = AssignmentType
        fields = ["id", "code", "name", "description", "needs_pickup_drop", "needs_analysis"]


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
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=MAX_PHOTOS)


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
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=MAX_PHOTOS)

    def validate(self, data):
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


class AssignmentListQuerySerializer(serializers.Serializer):
    open = serializers.BooleanField(required=False, allow_null=True, default=None)


def photo_links(context: dict, kind: str, images) -> list[str]:
    """Links to the access-checked photo endpoint (never the storage's own address)."""

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
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=MAX_PHOTOS)


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
    images = serializers.ListField(child=serializers.ImageField(), required=False, default=list, max_length=MAX_PHOTOS,
                                   help_text="The walk-round: at least one photo")


class CustodyConfirmInputSerializer(serializers.Serializer):
    booking_id = RowIdField()
    code = serializers.RegexField(r"^\d{6}$", help_text="The six-digit code emailed to the customer")


class CustodyDisputeInputSerializer(serializers.Serializer):
    note = serializers.CharField(min_length=5, max_length=1000, help_text="What does not match")


# Mechanics: the people API's /mechanics/ (their details are accounts', their profile the workshop's).


class MechanicInputSerializer(StaffInputSerializer):
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    can_pickup_drop = serializers.BooleanField(default=False)
    can_analyse = serializers.BooleanField(default=False)
    category_ids = serializers.PrimaryKeyRelatedField(source="categories", many=True, required=False,
                                                      queryset=Category.objects.all())


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MechanicOutputSerializer(serializers.ModelSerializer):
    """Colleagues and customers see a mechanic's card; contact details go to admins and the mechanic."""

    id = serializers.CharField(source="public_id", read_only=True)
    can_pickup_drop = serializers.BooleanField(source="mechanic_profile.can_pickup_drop")
    can_analyse = serializers.BooleanField(source="mechanic_profile.can_analyse")
    score = serializers.IntegerField(source="mechanic_profile.score")
    date_of_birth = serializers.DateField(source="mechanic_profile.date_of_birth", allow_null=True)
    categories = CategoryRefSerializer(source="mechanic_profile.categories.all", many=True)
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)

    PRIVATE = ("email", "phone", "date_of_birth")

    class Meta:
        model = User
        fields = ["id", "first_name", "last_name", "email", "phone", "date_of_birth", "can_pickup_drop",
                  "can_analyse", "score", "categories", "is_active"]

    def to_representation(self, mechanic):
        data = super().to_representation(mechanic)
        viewer = self.context.get("request").user if self.context.get("request") else None
        if viewer is None or (viewer.role_id != RoleName.ADMIN and viewer.pk != mechanic.pk):
            for name in self.PRIVATE:
                data[name] = None
        return data
