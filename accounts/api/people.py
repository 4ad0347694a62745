"""Admins, mechanics and customers: the people endpoints of the contract."""

import django_filters

from accounts import selectors, services
from accounts.api import serializers
from accounts.models import User
from revcare.api.viewsets import ApiViewSet
from revcare.roles import RoleName


def people_scopes(resource: str) -> dict[str, str]:
    return {"list": f"READ:{resource}", "retrieve": f"READ:{resource}", "create": f"WRITE:{resource}",
            "update": f"UPDATE:{resource}", "destroy": f"DELETE:{resource}"}


class PersonViewSet(ApiViewSet):
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def update_object(self, instance, data):
        return services.user_update(user=instance, changed_by=self.request.user, **data)

    def delete_object(self, instance):
        services.staff_remove(user=instance, removed_by=self.request.user)


class AdminViewSet(PersonViewSet):
    input_serializer_class = serializers.StaffInputSerializer
    output_serializer_class = serializers.AdminOutputSerializer
    required_scopes = people_scopes("ADMINS")
    filterset_fields = ["is_active"]

    def get_queryset(self):
        return selectors.admin_list()

    def create_object(self, data):
        return services.staff_invite(role=RoleName.ADMIN, invited_by=self.request.user, **data)


class CustomerFilter(django_filters.FilterSet):
    customer_id = django_filters.CharFilter(field_name="public_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["customer_id", "is_active"]


class CustomerViewSet(PersonViewSet):
    """A customer sees and changes themself; admins every customer. Delete anonymises."""

    update_serializer_class = serializers.CustomerUpdateInputSerializer
    output_serializer_class = serializers.UserOutputSerializer
    required_scopes = {"list": "READ:CUSTOMERS", "retrieve": "READ:CUSTOMERS", "update": "UPDATE:CUSTOMERS",
                       "destroy": "DELETE:CUSTOMERS"}
    filterset_class = CustomerFilter

    def get_queryset(self):
        return selectors.customer_list(user=self.request.user)

    def delete_object(self, instance):
        services.customer_anonymise(customer=instance)
