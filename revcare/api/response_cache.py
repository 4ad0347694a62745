"""Whole-response caching for API reads that are the same for every caller who may see them (the
public catalogue): the rendered JSON is kept in the shared cache under a version per namespace, and
the owning app retires the version when its data changes (at the change and again after the commit,
so nothing cached from the data before the commit outlives it).

Only with a shared cache (Redis): with per-process local memory, a change made in one server process
could not retire what another process keeps. Entries also expire after API_RESPONSE_CACHE_SECONDS.

What one client can add is bounded (that Redis also holds the throttles and the Celery queue): an answer
is keyed on the query parameters the endpoint reads, normalised and sorted, so their order, spelling or
any other parameter makes no new entry; a request with another parameter may be answered from the cache
but its own answer is not kept (its page links would carry the junk); and at most
API_RESPONSE_CACHE_MAX_BYTES of answers are kept per namespace in each API_RESPONSE_CACHE_SECONDS (so at
most twice that lives at once). See docs/decisions.md.
"""

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings

from revcare.api.pagination import PageNumberPagination

HIT_HEADER = "X-RevCare-Cache"

# {query parameter: how its value is normalised for the key (None: as sent)}
QueryParameters = Mapping[str, Callable[[str], str] | None]
PAGING_PARAMETERS: QueryParameters = {PageNumberPagination.page_query_param: None,
                                      PageNumberPagination.page_size_query_param: None}
# Read by every DRF view: `format` picks the renderer (an unknown one is a 404).
_READ_BY_EVERY_VIEW: QueryParameters = {api_settings.URL_FORMAT_OVERRIDE: None}


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


def _address(request, reads: QueryParameters) -> tuple[str, bool]:
    """The request as the endpoint reads it, hashed: scheme and host (for the links in the answer), path,
    and the known query parameters sorted by name with normalised values; and whether it had any other."""
    query, other = [], False
    for name, values in request.GET.lists():
        if name not in reads:
            other = True
            continue
        normalise = reads[name] or (lambda value: value)
        query.append((name, [normalise(value) for value in values]))  # in order: the last value counts
    what = [request.scheme, request.get_host(), request.path, sorted(query)]
    return hashlib.sha256(json.dumps(what).encode()).hexdigest(), other


def _room_for(body: bytes, namespace: str, version: str) -> bool:
    """Counts the bytes of answers kept under this version in the current API_RESPONSE_CACHE_SECONDS window."""
    counter = f"api-response:{namespace}:{version}:kept-bytes"
    cache.add(counter, 0, settings.API_RESPONSE_CACHE_SECONDS)
    try:
        kept = cache.incr(counter, len(body))
    except ValueError:  # the window ended between the two calls
        return False
    return kept is not None and kept <= settings.API_RESPONSE_CACHE_MAX_BYTES


def shared_read(namespace: str, request, build, *, reads: QueryParameters = PAGING_PARAMETERS):
    """The cached answer to this request, or `build()`'s, kept if it is a 200 and there is room.
    `reads` names the query parameters the answer depends on; any other is ignored, and not kept."""
    if not settings.API_RESPONSE_CACHE:
        return build()
    address, other_parameters = _address(request, {**_READ_BY_EVERY_VIEW, **reads})
    version = _version(namespace)
    key = f"api-response:{namespace}:{version}:{address}"
    body = cache.get(key)
    if body is not None:
        response = HttpResponse(body, content_type="application/json")
        response[HIT_HEADER] = "hit"
        return response
    response = build()
    if response.status_code == 200 and not other_parameters:
        body = JSONRenderer().render(response.data)
        if _room_for(body, namespace, version):
            cache.set(key, body, settings.API_RESPONSE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
    return response
