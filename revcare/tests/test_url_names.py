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
