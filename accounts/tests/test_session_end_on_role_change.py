"""A change of role, of the scopes a role grants, or deactivation ends that person's sign-ins at once:
their API tokens are refused and their portal session is dropped."""

import pytest
from django.test import Client

from accounts.models import LoginSession, RoleScope, Scope, User
from accounts.tests.factories import AdminFactory
from conftest import client_for
from revcare.roles import RoleName

pytestmark = pytest.mark.django_db


def portal_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def user_change_data(page, **changes) -> dict:
    """The Django admin change form of a person as the page filled it in, with `changes` applied."""
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in ("role", "first_name", "last_name", "phone", "email")}
    data["is_active"] = "on" if form.initial.get("is_active") else ""
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{name}": management.initial.get(name, 0)
                     for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")})
        data[f"{management.prefix}-TOTAL_FORMS"] = 0  # no mechanic profile for an admin
    data.update(changes)
    return data


def test_an_admin_demoted_in_django_admin_loses_admin_power_at_once(admin):
    demoted = AdminFactory(first_name="Ravi")
    api, portal = client_for(demoted), portal_for(demoted)
    assert api.get("/admins/").status_code == 200 and portal.get("/portal/desk/").status_code == 200
    head = portal_for(admin)
    page = head.get(f"/admin/accounts/user/{demoted.pk}/change/")

    saved = head.post(f"/admin/accounts/user/{demoted.pk}/change/",
                      user_change_data(page, role=RoleName.CUSTOMER))

    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors
    assert User.objects.get(pk=demoted.pk).role_id == RoleName.CUSTOMER
    # The access token issued while an admin is refused, so no new admin can be made with it.
    refused = api.post("/admins/", {"first_name": "Sneaky", "phone": "9000000001", "email": "s@example.com"},
                       format="json")
    assert refused.status_code == 401
    assert api.post("/auth/refresh").status_code == 401
    assert portal.get("/portal/desk/").status_code == 302  # signed out: off to the sign-in page
    assert not User.objects.filter(phone="9000000001").exists()
    assert LoginSession.objects.get(user=demoted).revoked_reason == "role changed"
    assert head.get("/portal/desk/").status_code == 200  # whoever made the change keeps their session


def test_a_scope_taken_from_a_role_ends_the_sessions_of_everyone_holding_it(admin, mechanic, customer):
    mechanic_api, mechanic_portal = client_for(mechanic), portal_for(mechanic)
    customer_api = client_for(customer)
    grant = RoleScope.objects.get(role_id=RoleName.MECHANIC, scope__action="READ", scope__resource="BOOKINGS")
    head = portal_for(admin)

    deleted = head.post(f"/admin/accounts/rolescope/{grant.pk}/delete/", {"post": "yes"})

    assert deleted.status_code == 302
    assert mechanic_api.get("/bookings/mechanic/assignments").status_code == 401
    assert mechanic_portal.get("/portal/mechanic/").status_code == 302
    assert customer_api.get("/bookings/customer").status_code == 200  # other roles keep theirs


def test_a_scope_granted_to_a_role_in_its_admin_page_ends_its_holders_sessions(admin, customer):
    customer_api = client_for(customer)
    role_page = portal_for(admin)
    page = role_page.get("/admin/accounts/role/customer/change/")
    formset = page.context["inline_admin_formsets"][0].formset
    data = {"name": "customer", "description": "Books and pays for servicing."}
    prefix = formset.prefix
    data.update({f"{prefix}-TOTAL_FORMS": len(formset.forms) + 1, f"{prefix}-INITIAL_FORMS": len(formset.initial_forms),
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for index, form in enumerate(formset.initial_forms):
        data[f"{prefix}-{index}-id"] = form.instance.pk
        data[f"{prefix}-{index}-role"] = "customer"
        data[f"{prefix}-{index}-scope"] = form.instance.scope_id
    backup = Scope.objects.get(action="READ", resource="BACKUP")
    new = len(formset.initial_forms)
    data.update({f"{prefix}-{new}-role": "customer", f"{prefix}-{new}-scope": backup.pk})

    saved = role_page.post("/admin/accounts/role/customer/change/", data)

    assert saved.status_code == 302
    assert RoleScope.objects.filter(role_id="customer", scope=backup).exists()
    assert customer_api.get("/bookings/customer").status_code == 401


def test_deactivating_a_person_ends_their_api_and_portal_sessions(admin):
    colleague = AdminFactory()
    api, portal = client_for(colleague), portal_for(colleague)

    assert client_for(admin).delete(f"/admins/{colleague.public_id}").status_code == 204

    assert api.get("/admins/").status_code == 401
    assert portal.get("/portal/desk/").status_code == 302
    User.objects.filter(pk=colleague.pk).update(is_active=True)  # even re-enabled, the old sign-ins stay ended
    assert portal.get("/portal/desk/").status_code == 302
    assert api.get("/admins/").status_code == 401


def test_editing_a_persons_name_keeps_their_sessions(admin):
    colleague = AdminFactory()
    api, portal = client_for(colleague), portal_for(colleague)

    assert client_for(admin).put(f"/admins/{colleague.public_id}", {"last_name": "Renamed"},
                                 format="json").status_code == 200

    assert api.get("/admins/").status_code == 200
    assert portal.get("/portal/desk/").status_code == 200
