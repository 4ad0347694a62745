from rest_framework import serializers

from bookings.models import AssignmentType


class AssignmentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssignmentType
        fields = ["id", "code", "name", "needs_pickup_drop", "needs_analysis"]
