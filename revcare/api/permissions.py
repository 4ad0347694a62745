"""What an API view declares about access: each view names the scope every action needs, in one place.

    class BookingViewSet(...):
        required_scopes = {"list": "READ:BOOKINGS", "create": "WRITE:BOOKINGS", "cancel": "UPDATE:BOOKINGS"}

ViewSets key by action, plain APIViews by lower-case HTTP method. PUBLIC opens an action to everyone,
SIGNED_IN to any authenticated user. An action with no entry is refused (fail closed). The check itself
(accounts.permissions.HasRouteScope) lives with the scopes and roles it reads.
"""

PUBLIC = "PUBLIC"
SIGNED_IN = "SIGNED_IN"


class AdminScope(str):
    """A scope that also needs the admin role: the admin desk's oversight routes read data that
    customers and mechanics hold READ scopes for, but only in their own slice."""


def admin_only(scope: str) -> AdminScope:
    return AdminScope(scope)
