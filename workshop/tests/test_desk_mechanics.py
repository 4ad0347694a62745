"""Mechanics managed from the admin desk: invited, qualified, deactivated."""

import pytest

from accounts.models import User
from accounts.services import user_update
from catalogue.tests.factories import CategoryFactory
from conftest import signed_in

pytestmark = pytest.mark.django_db



def test_a_mechanic_is_invited_with_qualifications_and_emailed(admin, mailoutbox, django_capture_on_commit_callbacks):
    brakes = CategoryFactory(name="Brakes")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(admin).post("/portal/desk/settings/mechanics/", {
            "first_name": "Kiran", "last_name": "Das", "phone": "9000000099", "email": "kiran@revcare.in",
            "can_analyse": "on", "categories": [brakes.pk]})
    kiran = User.objects.get(phone="9000000099")
    assert kiran.role_id == "mechanic" and not kiran.has_usable_password()
    assert kiran.mechanic_profile.can_analyse and not kiran.mechanic_profile.can_pickup_drop
    assert list(kiran.mechanic_profile.categories.all()) == [brakes]
    assert [mail.to for mail in mailoutbox] == [["kiran@revcare.in"]]


def test_a_taken_phone_is_refused_beside_the_field(admin, mechanic):
    response = signed_in(admin).post("/portal/desk/settings/mechanics/", {
        "first_name": "Kiran", "phone": mechanic.phone, "email": "kiran@revcare.in"})
    assert response.context["form"].errors == {"phone": ["An account with this phone number already exists."]}


def test_qualifications_change_and_a_mechanic_is_deactivated_then_back(admin, mechanic):
    client = signed_in(admin)
    client.post(f"/portal/desk/settings/mechanics/{mechanic.public_id}/", {"can_pickup_drop": "on"})
    mechanic.mechanic_profile.refresh_from_db()
    assert mechanic.mechanic_profile.can_pickup_drop and not mechanic.mechanic_profile.can_analyse
    unreadable = client.post(f"/portal/desk/settings/mechanics/{mechanic.public_id}/active/", {"active": "maybe"},
                             follow=True)
    mechanic.refresh_from_db()
    assert mechanic.is_active and "Select a valid choice" in unreadable.content.decode()
    client.post(f"/portal/desk/settings/mechanics/{mechanic.public_id}/active/", {"active": "0"})
    mechanic.refresh_from_db()
    assert not mechanic.is_active
    client.post(f"/portal/desk/settings/mechanics/{mechanic.public_id}/active/", {"active": "1"})
    mechanic.refresh_from_db()
    assert mechanic.is_active
    assert client.get("/portal/desk/settings/mechanics/MEC999999/").status_code == 404


def test_a_person_made_a_mechanic_in_django_admin_gets_a_profile_and_working_pages(admin, customer):
    """Roles can be changed in Django admin, outside the workshop's services: the mechanic still gets a
    profile (qualifications off until an admin sets them), so the desk and the tablet show their pages."""
    user_update(user=customer, changed_by=admin, role_id="mechanic")  # what Django admin's save calls
    profile = User.objects.get(pk=customer.pk).mechanic_profile
    assert (profile.can_pickup_drop, profile.can_analyse, profile.score) == (False, False, 0)
    assert signed_in(admin).get(f"/portal/desk/settings/mechanics/{customer.public_id}/").status_code == 200
    assert signed_in(customer).get("/portal/mechanic/history/").status_code == 200
