from django.db.models import QuerySet

from accounts.models import Role, RoleScope, User


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


def user_list() -> QuerySet[User]:
    return User.objects.select_related("role", "mechanic_profile")


def role_list() -> QuerySet[Role]:
    return Role.objects.prefetch_related("scopes").order_by("name")
