"""OpenAPI helpers: the documented error shape, and the bearer scheme for our JWT authentication."""

from http import HTTPStatus

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
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
