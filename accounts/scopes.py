"""The API's scopes and the permissions each role gets by default (seeded by a data migration)."""

ACTIONS = ("READ", "WRITE", "UPDATE", "DELETE")

RESOURCES = (
    "USERS", "ADMINS", "MECHANICS", "CUSTOMERS", "UTILS", "CARS", "CUSTOMER_CARS", "AREAS", "ADDRESSES",
    "SERVICE_CATEGORIES", "SERVICES", "PRICE_CHART", "SERVICE_REVIEWS", "FAVOURITES", "CART", "BOOKINGS",
    "BOOKED_SERVICES", "BOOKING_ASSIGNMENT", "BOOKING_ANALYSIS", "BOOKING_PROGRESS",
    "BOOKING_RECOMMENDATIONS", "PAYMENTS", "CONTENT", "GST", "NOTIFICATION_LOG", "BACKUP", "RBAC",
)

ALL_SCOPES = frozenset(f"{action}:{resource}" for action in ACTIONS for resource in RESOURCES)

# Staff-only resources that mechanics and customers may not even read.
_STAFF_ONLY = {"ADMINS", "NOTIFICATION_LOG", "BACKUP", "RBAC"}
_READ_SHARED = {f"READ:{resource}" for resource in RESOURCES if resource not in _STAFF_ONLY}


def _grant(actions: str, *resources: str) -> set[str]:
    return {f"{action}:{resource}" for action in actions.split("/") for resource in resources}


DEFAULT_ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": ALL_SCOPES,
    "mechanic": frozenset(
        _READ_SHARED
        | _grant("UPDATE", "MECHANICS", "BOOKING_ASSIGNMENT")
        | _grant("WRITE", "BOOKING_ANALYSIS", "BOOKING_PROGRESS", "BOOKING_RECOMMENDATIONS", "PAYMENTS")
    ),
    "customer": frozenset(
        _READ_SHARED
        | _grant("UPDATE/DELETE", "CUSTOMERS")
        | _grant("WRITE/UPDATE/DELETE", "CUSTOMER_CARS", "ADDRESSES", "SERVICE_REVIEWS")
        | _grant("WRITE/DELETE", "FAVOURITES", "CART")
        | _grant("WRITE/UPDATE", "BOOKINGS", "BOOKED_SERVICES")
        | _grant("WRITE", "PAYMENTS")
    ),
}


def seed_roles_and_scopes(Role, Scope, RoleScope) -> None:
    """Create missing scopes, roles and default grants; never removes what an admin changed."""
    for code in sorted(ALL_SCOPES):
        action, resource = code.split(":")
        Scope.objects.get_or_create(action=action, resource=resource)
    scopes_by_code = {f"{s.action}:{s.resource}": s for s in Scope.objects.all()}
    descriptions = {
        "admin": "Runs the garage: every scope.",
        "mechanic": "Works assigned jobs.",
        "customer": "Books and pays for servicing.",
    }
    for role_name, codes in DEFAULT_ROLE_SCOPES.items():
        role, _ = Role.objects.get_or_create(name=role_name, defaults={"description": descriptions[role_name]})
        existing = set(RoleScope.objects.filter(role=role).values_list("scope_id", flat=True))
        RoleScope.objects.bulk_create(
            [RoleScope(role=role, scope=scopes_by_code[code]) for code in sorted(codes)
             if scopes_by_code[code].pk not in existing]
        )
