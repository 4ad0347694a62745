import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac

from revcare.roles import RoleName

phone_validator = RegexValidator(r"^[0-9]{10}$", "Enter a 10-digit phone number.")


# The public id prefix of each role: ADM000012, MEC000034, CST000210.
PUBLIC_ID_PREFIX = {RoleName.ADMIN: "ADM", RoleName.MECHANIC: "MEC", RoleName.CUSTOMER: "CST"}


class ScopeAction(models.TextChoices):
    READ = "READ"
    WRITE = "WRITE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"


class Scope(models.Model):
    """One permission of the API, `ACTION:RESOURCE`, e.g. WRITE:BOOKINGS."""

    action = models.CharField(max_length=10, choices=ScopeAction.choices)
    resource = models.CharField(max_length=40)

    class Meta:
        ordering = ["resource", "action"]
        constraints = [models.UniqueConstraint(fields=["action", "resource"], name="scope_unique_action_resource")]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.action}:{self.resource}"


class Role(models.Model):
    name = models.CharField(max_length=20, primary_key=True, choices=RoleName.choices)
    description = models.CharField(max_length=200, blank=True)
    scopes = models.ManyToManyField(Scope, through="RoleScope", related_name="roles")

    def __str__(self) -> str:
        return self.get_name_display()


class RoleScope(models.Model):
    """The role→permission table; editable in Django admin."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE)
    scope = models.ForeignKey(Scope, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["role", "scope"], name="rolescope_unique")]

    def __str__(self) -> str:
        return f"{self.role_id} → {self.scope}"


class PublicIdCounter(models.Model):
    """Last public id number handed out per prefix; the row is locked while a user is created."""

    prefix = models.CharField(max_length=3, primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last_value}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(phone=username)

    def create_superuser(self, phone, email, password=None, **extra_fields):
        # `createsuperuser` goes through the same service as every other admin account.
        from accounts.services import user_create  # noqa: PLC0415  services build on these models

        return user_create(
            role=RoleName.ADMIN,
            phone=phone,
            email=email,
            password=password,
            first_name=extra_fields.get("first_name", ""),
            last_name=extra_fields.get("last_name", ""),
        )


class User(AbstractBaseUser):
    public_id = models.CharField(max_length=9, unique=True, editable=False)
    phone = models.CharField(max_length=10, unique=True, validators=[phone_validator])
    email = models.EmailField()
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, db_column="role", related_name="users")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(auto_now_add=True)
    # Set when a customer deletes their account: the person is anonymised, the records stay.
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Moves on when the person's role or its scopes change or they are deactivated: every portal session
    # signed in before is dropped (see _get_session_auth_hash).
    auth_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["public_id"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_unique_email_ci")]

    def __str__(self) -> str:
        return f"{self.public_id} {self.get_full_name()}".strip()

    def _get_session_auth_hash(self, secret=None):
        # Django's hash of the password, plus the epoch once it has moved (epoch 0 keeps today's sessions).
        value = f"{self.password}:{self.auth_epoch}" if self.auth_epoch else self.password
        return salted_hmac("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", value,
                           secret=secret, algorithm="sha256").hexdigest()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def is_staff(self) -> bool:
        # Django admin is for RevCare admins only; their powers come from the role, not per-user perms.
        return self.is_active and self.role_id == RoleName.ADMIN

    @property
    def is_superuser(self) -> bool:
        return self.is_staff

    def has_perm(self, perm, obj=None) -> bool:
        return self.is_staff

    def has_perms(self, perm_list, obj=None) -> bool:
        return self.is_staff

    def has_module_perms(self, app_label) -> bool:
        return self.is_staff


class LoginSession(models.Model):
    """One sign-in through the API: every refresh token rotated from it shares this family id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.user} session {self.id}"


class RevokedToken(models.Model):
    """A token refused until it would have expired anyway; pruned after that."""

    jti = models.CharField(max_length=64, unique=True)
    token_type = models.CharField(max_length=10)
    login_session = models.ForeignKey(LoginSession, on_delete=models.CASCADE, related_name="revoked_tokens")
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.token_type} {self.jti}"
