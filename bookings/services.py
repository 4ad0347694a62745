"""Every write to bookings. The lifecycle itself arrives with the booking-lifecycle issue."""

from django.db import transaction

from bookings.models import AssignmentType
from revcare.db import assign_fields, delete_unless_referenced, save_unique


@transaction.atomic
def assignment_type_create(**fields) -> AssignmentType:
    return save_unique(AssignmentType(**fields), what="assignment type")


@transaction.atomic
def assignment_type_update(*, assignment_type: AssignmentType, **fields) -> AssignmentType:
    return save_unique(assign_fields(assignment_type, fields), what="assignment type")


def assignment_type_delete(*, assignment_type: AssignmentType) -> None:
    delete_unless_referenced(assignment_type, what="assignment type")
