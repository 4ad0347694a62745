import factory
from django.contrib.auth.hashers import get_hasher, make_password

from accounts.models import User
from accounts.services import user_create
from revcare.roles import RoleName
from workshop.services.mechanics import mechanic_create

TEST_PASSWORD = "Garage@2026"
_password_hashes: dict[str, str] = {}


def shared_password_hash() -> str:
    # Hashing is slow on purpose; hash the shared test password once per run with each hasher in use
    # (the suite's fast one, or production's Argon2 in the tests that set it).
    algorithm = get_hasher().algorithm
    if algorithm not in _password_hashes:
        _password_hashes[algorithm] = make_password(TEST_PASSWORD)
    return _password_hashes[algorithm]


class UserFactory(factory.django.DjangoModelFactory):
    """People made through the real `user_create` service (mechanics through `mechanic_create`), with the
    shared test password."""

    class Meta:
        model = User

    role = RoleName.CUSTOMER
    phone = factory.Sequence(lambda n: f"98{n:08d}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")

    @classmethod
    def _create(cls, model_class, **kwargs):
        user = cls._create_user(**kwargs)
        user.password = shared_password_hash()
        user.save(update_fields=["password"])
        return user

    @classmethod
    def _create_user(cls, **kwargs):
        return user_create(**kwargs)


class CustomerFactory(UserFactory):
    role = RoleName.CUSTOMER


class MechanicFactory(UserFactory):
    role = RoleName.MECHANIC
    phone = factory.Sequence(lambda n: f"97{n:08d}")
    can_pickup_drop = True
    can_analyse = True

    @classmethod
    def _create_user(cls, role, **kwargs):
        # With their profile, which the workshop adds.
        return mechanic_create(**kwargs)


class AdminFactory(UserFactory):
    role = RoleName.ADMIN
    phone = factory.Sequence(lambda n: f"96{n:08d}")
