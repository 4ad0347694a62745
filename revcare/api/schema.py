"""OpenAPI helpers: the documented error shape, and the bearer scheme for our JWT authentication."""

from http import HTTPStatus

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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
        from revcare.api.viewsets import ApiViewSet

        if isinstance(self.view, ApiViewSet) and self.method in ("POST", "PUT", "PATCH"):
            return self.view.get_serializer_class()
        return super().get_request_serializer()

    def get_response_serializers(self):
        from revcare.api.viewsets import ApiViewSet

        if isinstance(self.view, ApiViewSet) and self.view.action in ApiViewSet.STANDARD_ACTIONS:
            return self.view.output_serializer_class
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response"):
        from revcare.api.permissions import PUBLIC

        responses = super()._get_response_bodies(direction)
        scopes = getattr(self.view, "required_scopes", {}) or {}
        key = getattr(self.view, "action", None) or self.method.lower()
        statuses = []
        if scopes.get(key, PUBLIC) != PUBLIC:
            statuses += [401, 403]
        if "{" in self.path:
            statuses.append(404)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            statuses += [400, 409]
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view():
            statuses.append(422)
        for status in statuses:
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(ErrorSerializer, str(status), direction=direction)
                responses[str(status)]["description"] = HTTPStatus(status).phrase
        return responses
