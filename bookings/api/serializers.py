
from bookings.models import AssignmentType
from revcare.api.serializers import ModelInputSerializer


class AssignmentTypeSerializer(ModelInputSerializer):
    class Meta:
        model = AssignmentType
        fields = ["id", "code", "name", "needs_pickup_drop", "needs_analysis"]
