"""Mechanics with their profiles, as the people API and the desk list them."""

from django.db.models import QuerySet

from accounts.models import User
from revcare.roles import RoleName


def mechanic_list(*, user: User) -> QuerySet[User]:
    """Admins see every mechanic; everyone else the active ones (their public card)."""
    queryset = User.objects.filter(role_id=RoleName.MECHANIC).select_related("mechanic_profile").prefetch_related(
        "mechanic_profile__categories"
    )
    if getattr(user, "role_id", None) != RoleName.ADMIN:
        queryset = queryset.filter(is_active=True)
    return queryset
