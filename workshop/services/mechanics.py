"""Mechanics as the workshop knows them: created or invited with what they may do, their qualifications
changed by admins, and the score their validated work earns. The person is accounts' (`user_create`,
`staff_invite`, `user_update`); the profile is added here, in the same transaction."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import F

from accounts.models import User
from accounts.services import staff_invite, user_create, user_update
from catalogue.models import Category
from revcare.errors import ApplicationError
from revcare.roles import RoleName
from workshop.models import MechanicProfile

MECHANIC_QUALIFICATIONS = ("can_pickup_drop", "can_analyse", "categories")
PROFILE_FIELDS = ("date_of_birth", *MECHANIC_QUALIFICATIONS)


def _profile_create(*, mechanic: User, date_of_birth: date | None, can_pickup_drop: bool, can_analyse: bool,
                    categories: Iterable[Category] | None) -> MechanicProfile:
    # The receiver that gives every mechanic a profile has made an empty one when the person was saved.
    profile, _ = MechanicProfile.objects.update_or_create(user=mechanic, defaults={
        "date_of_birth": date_of_birth, "can_pickup_drop": can_pickup_drop, "can_analyse": can_analyse})
    if categories:
        profile.categories.set(categories)
    return profile


@transaction.atomic
def mechanic_create(*, date_of_birth: date | None = None, can_pickup_drop: bool = False, can_analyse: bool = False,
                    categories: Iterable[Category] | None = None, **person) -> User:
    """A mechanic and their profile (demo data, tests); `person` is what `user_create` takes."""
    mechanic = user_create(role=RoleName.MECHANIC, **person)
    _profile_create(mechanic=mechanic, date_of_birth=date_of_birth, can_pickup_drop=can_pickup_drop,
                    can_analyse=can_analyse, categories=categories)
    return mechanic


@transaction.atomic
def mechanic_invite(*, invited_by: User, date_of_birth: date | None = None, can_pickup_drop: bool = False,
                    can_analyse: bool = False, categories: Iterable[Category] | None = None, **person) -> User:
    """An admin adds a mechanic with what they may do; they are emailed a link to set a password."""
    mechanic = staff_invite(role=RoleName.MECHANIC, invited_by=invited_by, **person)
    _profile_create(mechanic=mechanic, date_of_birth=date_of_birth, can_pickup_drop=can_pickup_drop,
                    can_analyse=can_analyse, categories=categories)
    return mechanic


@transaction.atomic
def mechanic_update(*, mechanic: User, changed_by: User, **fields) -> User:
    """Change a mechanic's details and profile. Only admins change qualifications."""
    profile_fields = {name: fields.pop(name) for name in PROFILE_FIELDS if name in fields}
    if changed_by.role_id != RoleName.ADMIN and any(name in profile_fields for name in MECHANIC_QUALIFICATIONS):
        raise ApplicationError("Only admins change a mechanic's qualifications.", status=403)
    user_update(user=mechanic, changed_by=changed_by, **fields)
    if profile_fields:
        profile = mechanic.mechanic_profile
        categories = profile_fields.pop("categories", None)
        for name, value in profile_fields.items():
            setattr(profile, name, value)
        profile.save()
        if categories is not None:
            profile.categories.set(categories)
    return mechanic


def mechanic_score_add(*, mechanic: User, points: int) -> None:
    """Reward validated work; an F() update so concurrent awards add up instead of overwriting."""
    MechanicProfile.objects.filter(user=mechanic).update(score=F("score") + points)
