"""Mechanics: the people endpoints of the contract under /mechanics/ (the profile is the workshop's)."""

import django_filters

from accounts.api.people import PersonViewSet, people_scopes
from accounts.models import User
from catalogue.models import Category
from revcare.roles import RoleName
from workshop.api import serializers
from workshop.selectors.mechanics import mechanic_list
from workshop.services.mechanics import mechanic_invite, mechanic_update


class MechanicFilter(django_filters.FilterSet):
    mechanic_id = django_filters.CharFilter(field_name="public_id")
    can_pickup_drop = django_filters.BooleanFilter(field_name="mechanic_profile__can_pickup_drop")
    can_analyse = django_filters.BooleanFilter(field_name="mechanic_profile__can_analyse")
    category = django_filters.ModelChoiceFilter(field_name="mechanic_profile__categories",
                                                queryset=Category.objects.all())
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["mechanic_id", "can_pickup_drop", "can_analyse", "category", "is_active"]


class MechanicViewSet(PersonViewSet):
    """Admins manage mechanics; a mechanic updates their own details (not qualifications or score)."""

    input_serializer_class = serializers.MechanicInputSerializer
    output_serializer_class = serializers.MechanicOutputSerializer
    required_scopes = people_scopes("MECHANICS")
    filterset_class = MechanicFilter

    def get_queryset(self):
        queryset = mechanic_list(user=self.request.user)
        if self.action == "update" and self.request.user.role_id == RoleName.MECHANIC:
            queryset = queryset.filter(pk=self.request.user.pk)
        return queryset

    def create_object(self, data):
        mechanic = mechanic_invite(invited_by=self.request.user, **data)
        return mechanic_list(user=self.request.user).get(pk=mechanic.pk)

    def update_object(self, instance, data):
        mechanic_update(mechanic=instance, changed_by=self.request.user, **data)
        return mechanic_list(user=self.request.user).get(pk=instance.pk)
