"""The role matrix: every API route, as each persona, answers the status written here.

`test_every_api_route_has_a_row` lists every URL pattern served by a DRF view and fails when one has
no row, so no endpoint ships unchecked: each issue that adds routes adds their rows here. Object
routes are called on objects that belong to `customer` (or are assigned to `mechanic`), so the
`other_customer` column is the IDOR probe and must read 404 there.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient
from rest_framework.views import APIView

from accounts.tests.factories import TEST_PASSWORD
from conftest import client_for

PERSONAS = ("anonymous", "customer", "other_customer", "mechanic", "admin")


@dataclass
class World:
    """The people (and, as issues add them, the objects) each row's request is built from."""

    customer: object
    other_customer: object
    mechanic: object
    admin: object

    def person(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)


@dataclass
class Row:
    method: str
    route: str
    expect: dict[str, int]
    path: Callable[[World], str] | None = None
    body: Callable[[World, str], dict] = field(default=lambda world, persona: {})


def everyone(status: int) -> dict[str, int]:
    return {persona: status for persona in PERSONAS}


def signed_in(status: int, anonymous: int = 401) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def admin_only(status: int = 200) -> dict[str, int]:
    return {"anonymous": 401, "customer": 403, "other_customer": 403, "mechanic": 403, "admin": status}


def own_credentials(world: World, persona: str) -> dict:
    person = world.person(persona)
    if person is None:
        return {"username": "9123456780", "password": "Not-a-password-1"}
    return {"username": person.phone, "password": TEST_PASSWORD}


def fresh_registration(world: World, persona: str) -> dict:
    number = PERSONAS.index(persona)
    return {"phone": f"93000000{number:02d}", "email": f"new{number}@example.com", "first_name": "New",
            "password": "Sturdy-Pass-42"}


ROWS = [
    # Auth (issue 2)
    Row("POST", "auth/login", {**everyone(200), "anonymous": 401}, body=own_credentials),
    Row("POST", "auth/refresh", signed_in(200)),
    Row("POST", "auth/logout", signed_in(200)),
    Row("POST", "auth/password-reset", everyone(202), body=lambda world, persona: {"login": world.customer.email}),
    Row("POST", "auth/password-set", everyone(400),
        body=lambda world, persona: {"uid": "MQ", "token": "bad-token", "password": "Sturdy-Pass-42"}),
    Row("POST", "customers/register", everyone(201), body=fresh_registration),
    Row("GET", "rbac/roles", admin_only()),
    # Documentation
    Row("GET", "api/schema/", everyone(200)),
    Row("GET", "docs", everyone(200)),
    Row("GET", "redoc", everyone(200)),
]


def _route_template(prefix: str, pattern) -> str:
    text = prefix + str(pattern.pattern)
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)  # regex groups → {name}
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)  # path converters → {name}
    return text.replace("^", "").replace("$", "").replace("/?", "").replace("\\", "")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern).lstrip("^"))
        elif isinstance(pattern, URLPattern):
            yield prefix, pattern


def api_routes() -> set[tuple[str, str]]:
    routes = set()
    for prefix, pattern in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        if view_class is None or not issubclass(view_class, APIView):
            continue
        actions = getattr(pattern.callback, "actions", None)
        methods = actions.keys() if actions else [m for m in ("get", "post", "put", "patch", "delete")
                                                   if hasattr(view_class, m)]
        for method in methods:
            routes.add((method.upper(), _route_template(prefix, pattern)))
    return routes


def test_every_api_route_has_a_row():
    rows = {(row.method, row.route) for row in ROWS}
    routes = api_routes()
    assert routes - rows == set(), "API routes without a role-matrix row"
    assert rows - routes == set(), "role-matrix rows for routes that no longer exist"


def test_every_row_fills_every_persona():
    for row in ROWS:
        assert set(row.expect) == set(PERSONAS), f"{row.method} {row.route}"


@pytest.fixture
def world(customer, other_customer, mechanic, admin) -> World:
    return World(customer=customer, other_customer=other_customer, mechanic=mechanic, admin=admin)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.route}")
def test_role_matrix(world, row, persona):
    person = world.person(persona)
    client = client_for(person) if person is not None else APIClient()
    path = row.path(world) if row.path else "/" + row.route
    response = client.generic(row.method, path, data=_encode(row.body(world, persona)),
                              content_type="application/json")
    assert response.status_code == row.expect[persona], (
        f"{row.method} {path} as {persona}: {response.status_code} {response.content[:300]!r}"
    )


def _encode(body: dict) -> str:
    import json

    return json.dumps(body) if body else ""
