from django.db.models import QuerySet

from accounts.models import Role, RoleScope, User
from revcare.errors import NotFoundError
from revcare.roles import RoleName


def user_scopes(*, user: User) -> frozenset[str]:
    """Scope codes the user's role grants, as stored in the role→permission table."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    rows = RoleScope.objects.filter(role_id=user.role_id).values_list("scope__action", "scope__resource")
    return frozenset(f"{action}:{resource}" for action, resource in rows)


def user_get_by_login(*, login: str) -> User | None:
    """The active user whose phone or email (any case) is `login`."""
    login = login.strip()
    lookup = {"email__iexact": login} if "@" in login else {"phone": login}
    return User.objects.filter(is_active=True, **lookup).first()


def role_list() -> QuerySet[Role]:
    return Role.objects.prefetch_related("scopes").order_by("name")


def admin_list() -> QuerySet[User]:
    return User.objects.filter(role_id=RoleName.ADMIN)


def customer_list(*, user: User) -> QuerySet[User]:
    """Admins see every customer; a customer only themself."""
    queryset = User.objects.filter(role_id=RoleName.CUSTOMER)
    if getattr(user, "role_id", None) == RoleName.ADMIN:
        return queryset
    if getattr(user, "role_id", None) == RoleName.CUSTOMER:
        return queryset.filter(pk=user.pk)
    return queryset.none()


def mechanic_by_public_id(*, public_id: str) -> User:
    mechanic = User.objects.filter(role_id=RoleName.MECHANIC, public_id=public_id).first()
    if mechanic is None:
        raise NotFoundError("No mechanic has that id.")
    return mechanic


def customer_by_public_id(*, public_id: str) -> User:
    customer = User.objects.filter(role_id=RoleName.CUSTOMER, public_id=public_id).first()
    if customer is None:
        raise NotFoundError("No customer has that id.")
    return customer
