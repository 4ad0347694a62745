"""Cross-cutting middleware: the request log (one line a request, without personal data or secrets)
and the Content-Security-Policy."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError

from revcare.api.exceptions import DATABASE_UNAVAILABLE_DETAIL, database_connection_drop
from revcare.views import service_unavailable

logger = logging.getLogger("revcare.requests")

# A client may pass its own request id for tracing; anything else is replaced.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Paths are ours, but a client can put a phone number or an email address into one.
_PERSONAL_IN_PATH = re.compile(r"[^/]*@[^/]*|(?<![0-9])[0-9]{10}(?![0-9])")


def loggable_path(path: str) -> str:
    return _PERSONAL_IN_PATH.sub("[redacted]", path)


class RequestLogMiddleware:
    """Logs method, path (never the query string), status, latency, the caller's public id and a
    request id, which is also returned in the X-Request-ID header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        latency_ms = (time.perf_counter() - started) * 1000
        user = getattr(request, "user", None)
        public_id = getattr(user, "public_id", None) if user is not None and user.is_authenticated else None
        logger.info(
            "%s %s %s %.1fms user=%s request_id=%s",
            request.method,
            loggable_path(request.path),
            response.status_code,
            latency_ms,
            public_id or "-",
            request.request_id,
        )
        response["X-Request-ID"] = request.request_id
        return response


class ContentSecurityPolicyMiddleware:
    """Every page gets settings.CONTENT_SECURITY_POLICY: scripts only from our static files (and
    Razorpay Checkout), no inline script, no framing. The API docs (/docs, /redoc) render the schema
    with the vendors' inline bootstrap script, so they get CONTENT_SECURITY_POLICY_DOCS."""

    DOCS_PATHS = ("/docs", "/redoc")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.rstrip("/") in self.DOCS_PATHS
            response["Content-Security-Policy"] = (settings.CONTENT_SECURITY_POLICY_DOCS if docs
                                                   else settings.CONTENT_SECURITY_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """Pages (not the API, which its exception handler covers) answer 503 when the database
    connection fails mid-request, and the next request reconnects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        database_connection_drop(exception)
        return service_unavailable(request, DATABASE_UNAVAILABLE_DETAIL)
