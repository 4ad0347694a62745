"""Project-wide views: health, and error pages that answer JSON on API paths and HTML elsewhere."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from rest_framework.response import Response
from rest_framework.views import APIView

from revcare.api.exceptions import INTERNAL_ERROR_DETAIL, error_json_response, request_too_large_detail
from revcare.api.permissions import PUBLIC
from revcare.celery import app


def is_html_path(path: str) -> bool:
    return path == "/" or path.startswith(settings.HTML_PATH_PREFIXES)


@never_cache
def health(request):
    """200 when the database and the cache/broker answer, 503 naming what does not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure to reach the database is the answer, not an error
        checks["database"] = "unreachable"
    try:
        cache.set("health-probe", "ok", 5)
        checks["cache"] = "ok" if cache.get("health-probe") == "ok" else "unreachable"
    except Exception:
        checks["cache"] = "unreachable"
    if settings.REDIS_URL:
        try:
            with app.connection_for_write() as broker:
                broker.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception:
            checks["broker"] = "unreachable"
    else:
        checks["broker"] = "in-process"
    healthy = all(value in ("ok", "in-process") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )


def _error_page(request, status: int, detail: str, template: str):
    if is_html_path(request.path):
        return render(request, template, {"detail": detail}, status=status)
    return error_json_response(status, detail)


def bad_request(request, exception=None):
    # Django hands every SuspiciousOperation here, the upload limits too (raised reading a body, e.g. by the
    # CSRF check of a portal form): those are a 413, not a 400.
    if too_large := request_too_large_detail(exception):
        return _error_page(request, 413, too_large, "errors/413.html")
    return _error_page(request, 400, "The request could not be understood.", "errors/400.html")


def permission_denied(request, exception=None):
    return _error_page(request, 403, "You do not have permission to perform this action.", "errors/403.html")


def page_not_found(request, exception=None):
    return _error_page(request, 404, "Not found.", "errors/404.html")


# Routed as the last URL pattern: an unknown path is a 404 whatever the method, never a CSRF refusal.
unknown_path = csrf_exempt(page_not_found)


def csrf_failure(request, reason=""):
    """A form or unsafe request without a valid CSRF token: the error shape on API paths, the
    portal's page (with what to do) elsewhere."""
    return _error_page(request, 403, "Your session's security token is missing or expired. Reload the page and "
                                     "try again.", "errors/403.html")


def server_error(request):
    return _error_page(request, 500, INTERNAL_ERROR_DETAIL, "errors/500.html")


def service_unavailable(request, detail: str):
    response = _error_page(request, 503, detail, "errors/503.html")
    response["Retry-After"] = "5"
    return response


class BenchBaselineView(APIView):
    """`make bench` only (REVCARE_BENCH=1): a constant answer through the whole stack (middleware,
    authentication, scope check, renderer), the yardstick the real endpoints are measured against."""

    required_scopes = {"get": PUBLIC}

    def get(self, request):
        return Response({"status": "ok"})
