from decimal import Decimal

from rest_framework import serializers

from bookings.lifecycle import condensed_status
from bookings.models import BookingStatus, DecisionChannel, PaymentMethod, PickupType
from catalogue.models import Service
from garage.models import Address, CustomerCar, Timeslot
from revcare.api.serializers import RowIdField

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


class CustomerListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[status for status in BookingStatus.values
                                              if condensed_status(status) == status], required=False)


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


class CancellationSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField(source="booking.pk")
    status = serializers.CharField(source="booking.status")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    gst = serializers.DecimalField(max_digits=10, decimal_places=2)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    refund = serializers.DecimalField(max_digits=10, decimal_places=2)
