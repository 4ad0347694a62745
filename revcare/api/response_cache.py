"""Whole-response caching for API reads that are the same for every caller who may see them (the
public catalogue): the rendered JSON is kept in the shared cache under a version per namespace, and
the owning app retires the version when its data changes (at the change and again after the commit,
so nothing cached from the data before the commit outlives it).

Only with a shared cache (Redis): with per-process local memory, a change made in one server process
could not retire what another process keeps. Entries also expire after API_RESPONSE_CACHE_SECONDS.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer

HIT_HEADER = "X-RevCare-Cache"


def _version_key(namespace: str) -> str:
    return f"api-response:{namespace}:version"


def _version(namespace: str) -> str:
    version = cache.get(_version_key(namespace))
    if version is None:
        # A random version, never a counter restarting at 1: entries of a lost version are never reused.
        version = uuid.uuid4().hex
        if not cache.add(_version_key(namespace), version, None):
            version = cache.get(_version_key(namespace)) or version
    return version


def forget(namespace: str) -> None:
    """Retire every cached response of the namespace."""
    cache.set(_version_key(namespace), uuid.uuid4().hex, None)


def shared_read(namespace: str, request, build):
    """The cached answer to this exact request (host, path and query), or `build()`'s, kept if it is a 200."""
    if not settings.API_RESPONSE_CACHE:
        return build()
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    key = f"api-response:{namespace}:{_version(namespace)}:{address}"
    body = cache.get(key)
    if body is not None:
        response = HttpResponse(body, content_type="application/json")
        response[HIT_HEADER] = "hit"
        return response
    response = build()
    if response.status_code == 200:
        cache.set(key, JSONRenderer().render(response.data), settings.API_RESPONSE_CACHE_SECONDS)
        response[HIT_HEADER] = "miss"
    return response
