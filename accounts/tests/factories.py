import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.services import user_create
from revcare.roles import RoleName

TEST_PASSWORD = "Garage@2026"
_password_hash: list[str] = []


def shared_password_hash() -> str:
    # Argon2 is slow on purpose; hash the shared test password once per run.
    if not _password_hash:
        _password_hash.append(make_password(TEST_PASSWORD))
    return _password_hash[0]


class UserFactory(factory.django.DjangoModelFactory):
    """People made through the real `user_create` service, with the shared test password."""

    class Meta:
        model = User

    role = RoleName.CUSTOMER
    phone = factory.Sequence(lambda n: f"98{n:08d}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")

    @classmethod
    def _create(cls, model_class, **kwargs):
        user = user_create(**kwargs)
        user.password = shared_password_hash()
        user.save(update_fields=["password"])
        return user


class CustomerFactory(UserFactory):
    role = RoleName.CUSTOMER


class MechanicFactory(UserFactory):
    role = RoleName.MECHANIC
    phone = factory.Sequence(lambda n: f"97{n:08d}")
    can_pickup_drop = True
    can_analyse = True


class AdminFactory(UserFactory):
    role = RoleName.ADMIN
    phone = factory.Sequence(lambda n: f"96{n:08d}")
