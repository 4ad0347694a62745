from rest_framework import serializers

from revcare.api.serializers import RowIdField
from workshop.api.serializers import FindingSerializer
from workshop.models import FindingSeverity


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
