from collections import Counter

from django.urls import get_resolver


def _names(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def test_every_url_name_points_at_one_route():
    # A page and an API route sharing a name makes {% url %} send people to JSON.
    counts = Counter(_names(get_resolver().url_patterns))
    assert [name for name, count in counts.items() if count > 1] == []


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, route, inner)
        else:
            yield route, namespace + (pattern.name or "")


def test_every_portal_page_is_named_in_its_portals_namespace():
    # reverse("desk:booking", ...) says which portal a link leads to; a bare name could be any page.
    portal = [(route, name) for route, name in _routes(get_resolver().url_patterns) if route.startswith("portal/")]
    assert len(portal) > 50
    expected = {"portal/desk/": "desk:", "portal/mechanic/": "mechanic:", "portal/": "portal:"}
    wrong = [(route, name) for route, name in portal
             if not name.startswith(next(ns for prefix, ns in expected.items() if route.startswith(prefix)))]
    assert wrong == []
