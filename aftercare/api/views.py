
from django.http import Http404
from drf_spectacular.utils import extend_schema

from aftercare.api import serializers
from aftercare.selectors import car_history, deferred_items_visible_to
from aftercare.services import deferred_item_dismiss
from revcare.api.viewsets import ApiViewSet


class DeferredWorkViewSet(ApiViewSet):
    """Work customers left for later, and each car's history."""

    output_serializer_class = serializers.DeferredItemSerializer
    required_scopes = {"list": "READ:BOOKINGS", "dismiss": "UPDATE:BOOKINGS", "history": "READ:BOOKINGS"}
    filter_backends = []

    @extend_schema(parameters=[serializers.DeferredListQuerySerializer],
                   responses={200: serializers.DeferredItemSerializer(many=True)})
    def list(self, request):
        """Deferred items of the cars you may see (yours, as a customer), soonest due first."""
        query = self.validated_query(serializers.DeferredListQuerySerializer)
        status_wanted = None if query["status"] == "all" else query["status"]
        return self.output_page(deferred_items_visible_to(
            user=request.user, car_id=query.get("car_id"), status=status_wanted))

    @extend_schema(request=None, responses={200: serializers.DeferredItemSerializer})
    def dismiss(self, request, item_id: int):
        """No longer needed (done elsewhere, car sold): no more reminders about it."""
        item = deferred_items_visible_to(user=request.user, status=None).filter(pk=item_id).first()
        if item is None:
            raise Http404
        return self.output(deferred_item_dismiss(item=item))

    @extend_schema(responses={200: serializers.CarHistorySerializer})
    def history(self, request, car_id: int):
        """Every visit of the car (services, findings, invoice) and the work left for later."""
        history = car_history(user=request.user, car_id=car_id)
        if history is None:
            raise Http404
        return self.output(history, serializer_class=serializers.CarHistorySerializer)

