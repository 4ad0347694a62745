"""Every API error leaves as {"status", "message", "detail"}."""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response

from revcare.errors import ApplicationError

logger = logging.getLogger("revcare.errors")

INTERNAL_ERROR_DETAIL = "Something went wrong on our side. It has been logged; please try again."


DATABASE_UNAVAILABLE_DETAIL = "The database is briefly unreachable; nothing was changed. Please try again."


def database_connection_drop(exc: Exception) -> None:
    """The database connection failed under a request (dropped, restarted, failed over). Nothing was
    committed; the connection is thrown away so the next request opens a fresh one."""
    logger.warning("Database unavailable: %s", exc)
    connection.close()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"


def request_too_large_detail(exc: Exception) -> str | None:
    """Why Django refused to read a request over its upload limits (a 413, wherever it is raised), or None."""
    if isinstance(exc, RequestDataTooBig):
        return (f"The request is larger than the {_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} this server "
                "accepts (uploaded files not counted). Nothing was changed.")
    if isinstance(exc, TooManyFieldsSent):
        return (f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields or parameters. "
                "Nothing was changed.")
    if isinstance(exc, TooManyFilesSent):
        return f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files. Nothing was changed."
    return None


def error_body(status: int, detail) -> dict:
    return {"status": status, "message": HTTPStatus(status).phrase, "detail": detail}


def error_json_response(status: int, detail) -> JsonResponse:
    """The same shape for errors raised outside DRF views (unknown paths, middleware)."""
    return JsonResponse(error_body(status, detail), status=status)


def field_errors(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested validation errors into [{"field": "services.0.quantity", "message": ...}]."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if key == "non_field_errors":
                name = prefix  # an error about the whole object is named after the object
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            errors.extend(field_errors(value, name))
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": prefix or "non_field_errors", "message": str(item)} for item in detail]
        errors = []
        for index, item in enumerate(detail):
            errors.extend(field_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return errors
    return [{"field": prefix or "non_field_errors", "message": str(detail)}]


def _plain_detail(detail) -> str:
    # simplejwt nests its reason: {"detail": "...", "code": "...", "messages": [...]}
    if isinstance(detail, dict) and "detail" in detail:
        return str(detail["detail"])
    if isinstance(detail, list) and len(detail) == 1:
        return str(detail[0])
    return str(detail)


def api_exception_handler(exc, context):
    headers = {}
    if isinstance(exc, ApplicationError):
        status, detail = exc.status, exc.detail
        if exc.retry_after:
            headers["Retry-After"] = str(exc.retry_after)
    elif isinstance(exc, exceptions.ValidationError):
        status, detail = 422, field_errors(exc.detail)
    elif isinstance(exc, DjangoValidationError):
        status = 422
        detail = field_errors(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        status, detail = 404, "Not found."
    elif isinstance(exc, DjangoPermissionDenied):
        status, detail = 403, "You do not have permission to perform this action."
    elif isinstance(exc, exceptions.APIException):
        status, detail = exc.status_code, _plain_detail(exc.detail)
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
    elif too_large := request_too_large_detail(exc):
        status, detail = 413, too_large
    elif isinstance(exc, (OperationalError, InterfaceError)):
        database_connection_drop(exc)
        status, detail = 503, DATABASE_UNAVAILABLE_DETAIL
        headers["Retry-After"] = "5"
    else:
        view = context.get("view")
        logger.exception("Unhandled error in %s", type(view).__name__ if view else "API view")
        status, detail = 500, INTERNAL_ERROR_DETAIL
    return Response(error_body(status, detail), status=status, headers=headers)
