import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.management.commands.seed_demo import DEMO_PASSWORD, DEMO_PEOPLE
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_its_people_can_sign_in():
    call_command("seed_demo")
    ids = sorted(User.objects.values_list("public_id", flat=True))
    call_command("seed_demo")
    assert sorted(User.objects.values_list("public_id", flat=True)) == ids
    assert len(ids) == len(DEMO_PEOPLE)
    for person in DEMO_PEOPLE:
        response = APIClient().post("/auth/login", {"username": person["phone"], "password": DEMO_PASSWORD})
        assert response.status_code == 200, person["phone"]
