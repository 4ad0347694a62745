"""Master data every RevCare database needs (roles and scopes, id counters, statuses, timeslots, GST,
assignment types). The data migrations seed it; transactional tests re-seed it after a flush."""

from django.apps import apps as installed_apps

from accounts.scopes import seed_roles_and_scopes
from bookings.models import AssignmentKind
from garage.defaults import DEFAULT_GST_PERCENT, TIMESLOTS
from garage.services import status_rows_sync


def seed_master_data(apps=installed_apps) -> None:
    model = apps.get_model
    seed_roles_and_scopes(model("accounts", "Role"), model("accounts", "Scope"), model("accounts", "RoleScope"))
    for prefix in ("ADM", "MEC", "CST"):
        model("accounts", "PublicIdCounter").objects.get_or_create(prefix=prefix)
    status_rows_sync()  # the apps' status enums, registered with garage at start-up
    for name, start, end, capacity in TIMESLOTS:
        model("garage", "Timeslot").objects.get_or_create(
            name=name, defaults={"start_time": start, "end_time": end, "capacity": capacity})
    if not model("garage", "GstRate").objects.exists():
        model("garage", "GstRate").objects.create(percent=DEFAULT_GST_PERCENT)
    for kind in AssignmentKind:
        model("workshop", "AssignmentType").objects.get_or_create(kind=kind.value, defaults={"name": kind.label})
