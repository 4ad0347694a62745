"""The API's one permission check: the scope each view declares (revcare.api.permissions) against the
scopes of the caller's role."""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from accounts.scopes import ALL_SCOPES
from accounts.selectors import user_scopes
from revcare.api.permissions import PUBLIC, SIGNED_IN, AdminScope
from revcare.roles import RoleName


def required_scope(view, request) -> str:
    scopes = getattr(view, "required_scopes", None)
    if scopes is None:
        raise ImproperlyConfigured(f"{type(view).__name__} declares no required_scopes")
    key = getattr(view, "action", None) or request.method.lower()
    if key in ("options", "metadata") or not hasattr(view, request.method.lower()):
        return PUBLIC  # OPTIONS, or a method the view lacks: DRF answers it (405) without touching data
    if key not in scopes:
        raise ImproperlyConfigured(f"{type(view).__name__} declares no scope for {key!r}")
    scope = scopes[key]
    if scope not in ALL_SCOPES and scope not in (PUBLIC, SIGNED_IN):
        raise ImproperlyConfigured(f"{type(view).__name__}.{key} names unknown scope {scope!r}")
    return scope


def request_scopes(request) -> frozenset[str]:
    """Scopes of the caller: from the token's claim, or from the database for a portal session."""
    token = request.auth
    if token is not None and hasattr(token, "get"):
        return frozenset(token.get("scopes", ()))
    cached = getattr(request, "_revcare_scopes", None)
    if cached is None:
        cached = user_scopes(user=request.user)
        request._revcare_scopes = cached
    return cached


class HasRouteScope(BasePermission):
    def has_permission(self, request, view) -> bool:
        scope = required_scope(view, request)
        if scope == PUBLIC:
            return True
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with the authentication header
        if scope != SIGNED_IN and scope not in request_scopes(request):
            raise exceptions.PermissionDenied(f"{scope} scope required")
        if isinstance(scope, AdminScope) and request.user.role_id != RoleName.ADMIN:
            raise exceptions.PermissionDenied("Only admins may use this route.")
        return True
