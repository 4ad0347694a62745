"""Small database helpers shared by every app's services."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from revcare.errors import ConflictError


def delete_unless_referenced(instance: models.Model, *, what: str) -> None:
    """Delete, or answer 409 when other records still point at the row."""
    try:
        with transaction.atomic():
            instance.delete()
    except (models.ProtectedError, models.RestrictedError) as error:
        raise ConflictError(f"This {what} is in use and cannot be deleted.") from error


def save_unique(instance: models.Model, *, what: str, field: str | None = None) -> models.Model:
    """Save, answering 409 (not 500) when a unique rule is broken, even by a concurrent request.
    `field` names the input a form should show the refusal beside."""
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as error:
        raise ConflictError(f"A {what} like this already exists.", field=field) from error
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ConflictError(f"A {what} like this already exists.", field=field) from error
    return instance


def assign_fields(instance: models.Model, fields: dict) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance
