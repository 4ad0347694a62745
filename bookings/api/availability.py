"""GET /utils/timeslot?date=: each slot's places left that day. Served here, over garage's timeslot
routes, because the places taken are bookings (garage cannot import them)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from bookings.selectors.availability import timeslot_availability
from garage.api import views as garage_views


class TimeslotAvailabilitySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="timeslot.id")
    name = serializers.CharField(source="timeslot.name")
    start_time = serializers.TimeField(source="timeslot.start_time")
    end_time = serializers.TimeField(source="timeslot.end_time")
    capacity = serializers.IntegerField(source="timeslot.capacity")
    date = serializers.DateField()
    booked = serializers.IntegerField()
    remaining = serializers.IntegerField()


class TimeslotListItemSerializer(serializers.Serializer):
    """Documents GET /utils/timeslot: the slots, or with `date` each active slot's availability (then
    `is_active` is left out and `date`, `booked`, `remaining` are given)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    capacity = serializers.IntegerField()
    is_active = serializers.BooleanField(required=False)
    date = serializers.DateField(required=False)
    booked = serializers.IntegerField(required=False)
    remaining = serializers.IntegerField(required=False)


class TimeslotQuerySerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text="YYYY-MM-DD; with it, each slot's remaining capacity")


class TimeslotViewSet(garage_views.TimeslotViewSet):
    """garage's timeslot list and create, plus the day's availability."""

    @extend_schema(
        parameters=[TimeslotQuerySerializer],
        responses={200: TimeslotListItemSerializer(many=True)},
        description="Without `date`: the slots. With `date=YYYY-MM-DD`: each active slot's remaining pickup capacity.",
    )
    def list(self, request, *args, **kwargs):
        query = TimeslotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("date")
        if on is None:
            return super().list(request, *args, **kwargs)
        return self.output_page(timeslot_availability(on=on), serializer_class=TimeslotAvailabilitySerializer)
