from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from notifications import services
from notifications.models import Notification, NotificationCategory, NotificationStatus
from revcare.api.viewsets import ApiViewSet


class NotificationLogQuerySerializer(serializers.Serializer):
    notification_category = serializers.ChoiceField(choices=NotificationCategory.choices, required=False)
    status = serializers.ChoiceField(choices=NotificationStatus.choices, required=False)
    recipient = serializers.CharField(max_length=254, required=False, help_text="Email address or public id")
    limit = serializers.IntegerField(min_value=1, max_value=100, default=50, help_text="Rows per page")


class NotificationLogSerializer(serializers.ModelSerializer):
    recipient_id = serializers.CharField(source="recipient.public_id", default=None)

    class Meta:
        model = Notification
        fields = ["id", "recipient_id", "email", "category", "subject", "status", "attempts", "last_error",
                  "booking_id", "created_at", "sent_at"]


class NotificationLogViewSet(ApiViewSet):
    output_serializer_class = NotificationLogSerializer
    required_scopes = {"list": "READ:NOTIFICATION_LOG"}
    filter_backends = []

    @extend_schema(parameters=[NotificationLogQuerySerializer], operation_id="notification_logs_list")
    def list(self, request, *args, **kwargs):
        query = self.validated_query(NotificationLogQuerySerializer)
        self.paginator.page_size = query["limit"]
        rows = services.notification_log(category=query.get("notification_category"), status=query.get("status"),
                                         recipient=query.get("recipient"))
        return self.output_page(rows)
