from bookings import selectors, services
from bookings.api import serializers
from revcare.api.viewsets import ApiViewSet


class AssignmentTypeViewSet(ApiViewSet):
    """Master data: what a mechanic can be assigned to do."""

    input_serializer_class = output_serializer_class = serializers.AssignmentTypeSerializer
    required_scopes = {"list": "READ:UTILS", "retrieve": "READ:UTILS", "create": "WRITE:UTILS",
                       "update": "UPDATE:UTILS", "destroy": "DELETE:UTILS"}

    def get_queryset(self):
        return selectors.assignment_type_list()

    def create_object(self, data):
        return services.assignment_type_create(**data)

    def update_object(self, instance, data):
        return services.assignment_type_update(assignment_type=instance, **data)

    def delete_object(self, instance):
        services.assignment_type_delete(assignment_type=instance)
