from rest_framework import serializers

from accounts.models import Role, User, phone_validator


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


class CustomerUpdateInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80, allow_blank=True)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=10, validators=[phone_validator])
