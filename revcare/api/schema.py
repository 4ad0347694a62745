"""OpenAPI helpers: the documented error shape, and the bearer scheme for our JWT authentication."""

from http import HTTPStatus

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from revcare.api.permissions import PUBLIC
from revcare.api.viewsets import ApiViewSet


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    message = serializers.CharField()
    detail = serializers.JSONField(help_text="A sentence, or for 422 a list of {field, message}")


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    return {status: OpenApiResponse(ErrorSerializer, description=HTTPStatus(status).phrase) for status in statuses}


class RevocableJWTScheme(SimpleJWTScheme):
    target_class = "accounts.authentication.RevocableJWTAuthentication"
    name = "bearerAuth"


class RevCareAutoSchema(AutoSchema):
    """Documents what every RevCare route can answer without each view repeating it: the input and
    output serializers of an ApiViewSet, and the standard errors its scope, path and method imply."""

    def get_request_serializer(self):
        if isinstance(self.view, ApiViewSet) and self.method in ("POST", "PUT", "PATCH"):
            return self.view.get_serializer_class()
        return super().get_request_serializer()

    def get_response_serializers(self):
        if isinstance(self.view, ApiViewSet) and self.view.action in ApiViewSet.STANDARD_ACTIONS:
            return self.view.output_serializer_class
        return super().get_response_serializers()

    def _takes_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None

    def map_parsers(self):
        # One request content type per operation, the route's first parser: openapi-python-client (0.29) cannot
        # generate an operation that declares more (its issues #1451, #1276). The description names the others.
        return super().map_parsers()[:1]

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        others = super().map_parsers()[1:]
        if operation and others and self._takes_body():
            note = "Also accepts the same fields as " + " or ".join(f"`{media_type}`" for media_type in others) + "."
            operation["description"] = f"{operation.get('description', '')}\n\n{note}".strip()
        return operation

    def _is_public(self) -> bool:
        scopes = getattr(self.view, "required_scopes", {}) or {}
        key = getattr(self.view, "action", None) or self.method.lower()
        return scopes.get(key, PUBLIC) == PUBLIC

    def get_auth(self):
        """Public routes take a token but do not need one."""
        auths = super().get_auth()
        return [*auths, {}] if self._is_public() and {} not in auths else auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # 401: a bad or revoked token is refused on every route, public ones too. 404: an id in the path or
        # the body that names nothing (of yours), or a page past the last.
        statuses = [401, 404]
        if not self._is_public():
            statuses.append(403)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            statuses += [400, 409]
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view():
            statuses.append(422)
        if self._takes_body():
            statuses.append(413)  # a body over the upload limits (DATA_UPLOAD_MAX_*)
            statuses.append(415)  # a body sent as a content type the route does not take
        for status in statuses:
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(ErrorSerializer, str(status), direction=direction)
                responses[str(status)]["description"] = HTTPStatus(status).phrase
        return responses


LOCAL_TIME = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
              "example": "08:00:00", "description": "Garage-local time of day (IST), HH:MM[:SS]"}


def local_times(result, generator, request, public):
    """OpenAPI's `format: time` means an RFC 3339 time with a UTC offset; slot times are the garage's
    wall-clock times without one, so they are documented as HH:MM[:SS]."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "string" and node.get("format") == "time":
                node.pop("format")
                node.update({key: value for key, value in LOCAL_TIME.items() if key not in node})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
