from rest_framework import serializers

from accounts.models import Role, User, phone_validator
from catalogue.models import Category


class LoginInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="10-digit phone number or email address")
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class AccessTokenSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField(default="bearer")


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class CustomerRegisterInputSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=10, validators=[phone_validator])
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80, allow_blank=True, default="")
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class UserOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    role = serializers.CharField(source="role_id", read_only=True)

    class Meta:
        model = User
        fields = ["id", "first_name", "last_name", "email", "phone", "role"]


class PasswordResetInputSerializer(serializers.Serializer):
    login = serializers.CharField(max_length=254, help_text="Phone number or email address of the account")


class PasswordSetInputSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class RoleOutputSerializer(serializers.ModelSerializer):
    scopes = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = ["name", "description", "scopes"]

    def get_scopes(self, role) -> list[str]:
        return sorted(scope.code for scope in role.scopes.all())


class StaffInputSerializer(serializers.Serializer):
    """An admin's or a mechanic's details; they get no password, only an emailed set-password link."""

    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=10, validators=[phone_validator])


class AdminOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)

    class Meta:
        model = User
        fields = ["id", "first_name", "last_name", "email", "phone", "is_active"]


class MechanicInputSerializer(StaffInputSerializer):
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    can_pickup_drop = serializers.BooleanField(default=False)
    can_analyse = serializers.BooleanField(default=False)
    category_ids = serializers.PrimaryKeyRelatedField(source="categories", many=True, required=False,
                                                      queryset=Category.objects.all())


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MechanicOutputSerializer(serializers.ModelSerializer):
    """Colleagues and customers see a mechanic's card; contact details go to admins and the mechanic."""

    id = serializers.CharField(source="public_id", read_only=True)
    can_pickup_drop = serializers.BooleanField(source="mechanic_profile.can_pickup_drop")
    can_analyse = serializers.BooleanField(source="mechanic_profile.can_analyse")
    score = serializers.IntegerField(source="mechanic_profile.score")
    date_of_birth = serializers.DateField(source="mechanic_profile.date_of_birth", allow_null=True)
    categories = CategoryRefSerializer(source="mechanic_profile.categories.all", many=True)
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)

    PRIVATE = ("email", "phone", "date_of_birth")

    class Meta:
        model = User
        fields = ["id", "first_name", "last_name", "email", "phone", "date_of_birth", "can_pickup_drop",
                  "can_analyse", "score", "categories", "is_active"]

    def to_representation(self, mechanic):
        data = super().to_representation(mechanic)
        viewer = self.context.get("request").user if self.context.get("request") else None
        if viewer is None or (viewer.role_id != "admin" and viewer.pk != mechanic.pk):
            for name in self.PRIVATE:
                data[name] = None
        return data


class CustomerUpdateInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80, allow_blank=True)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=10, validators=[phone_validator])
