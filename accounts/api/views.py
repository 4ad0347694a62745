from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api import serializers
from accounts.authentication import RevocableJWTAuthentication
from accounts.backends import request_client_ip
from revcare.api.parsers import SIGN_IN_FORM
from revcare.api.permissions import PUBLIC, SIGNED_IN
from revcare.api.schema import error_responses
from revcare.errors import AuthenticationError

REGISTERED = ("Thank you. We have emailed you at the address you gave; sign in with your phone number and "
              "password.")


def _set_refresh_cookie(response: Response, tokens: services.IssuedTokens) -> None:
    response.set_cookie(
        settings.REFRESH_COOKIE_NAME,
        tokens.refresh,
        expires=tokens.refresh_expires_at,
        path=settings.REFRESH_COOKIE_PATH,
        secure=not settings.DEBUG,
        httponly=True,
        samesite=settings.REFRESH_COOKIE_SAMESITE,
    )


def _token_response(tokens: services.IssuedTokens) -> Response:
    response = Response({"access_token": tokens.access, "token_type": "bearer"})
    _set_refresh_cookie(response, tokens)
    return response


class LoginView(APIView):
    """OAuth2 password flow: form data (or JSON) `username` + `password`."""

    authentication_classes = []  # a stale Authorization header must not stand in the way of signing in
    parser_classes = SIGN_IN_FORM
    required_scopes = {"post": PUBLIC}

    @extend_schema(
        operation_id="auth_login",
        request=serializers.LoginInputSerializer,
        responses={200: serializers.AccessTokenSerializer, **error_responses(401, 422, 429, 503)},
        description=(
            "Returns the access token; the refresh token is set in the HttpOnly `refresh_token` cookie. "
            "Too many failures for the name or from the address: 429 with `Retry-After` (the portals and "
            "Django admin share the count); too many sign-ins at once: 503 with `Retry-After`."
        ),
        auth=[],
    )
    def post(self, request):
        payload = serializers.LoginInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        tokens = services.login_session_start(**payload.validated_data, ip=request_client_ip(request))
        return _token_response(tokens)


class RefreshView(APIView):
    authentication_classes = []  # the refresh token travels in its cookie, not in a header
    required_scopes = {"post": PUBLIC}

    @extend_schema(
        operation_id="auth_refresh",
        request=None,
        responses={200: serializers.AccessTokenSerializer, **error_responses(401)},
        description=(
            "Send the `refresh_token` cookie. The refresh token is rotated; reusing an old one ends the session."
        ),
        auth=[],
    )
    def post(self, request):
        raw_refresh = request.COOKIES.get(settings.REFRESH_COOKIE_NAME)
        if not raw_refresh:
            raise AuthenticationError("No refresh token cookie was sent.")
        return _token_response(services.login_session_refresh(raw_refresh=raw_refresh))


class LogoutView(APIView):
    authentication_classes = [RevocableJWTAuthentication]
    required_scopes = {"post": SIGNED_IN}

    @extend_schema(
        operation_id="auth_logout",
        request=None,
        responses={200: serializers.MessageSerializer, **error_responses(401)},
    )
    def post(self, request):
        services.login_session_end(
            access_token=request.auth, raw_refresh=request.COOKIES.get(settings.REFRESH_COOKIE_NAME)
        )
        response = Response({"message": "Successfully logged out"})
        response.delete_cookie(
            settings.REFRESH_COOKIE_NAME, path=settings.REFRESH_COOKIE_PATH, samesite=settings.REFRESH_COOKIE_SAMESITE
        )
        return response


class PasswordResetView(APIView):
    authentication_classes = []
    required_scopes = {"post": PUBLIC}

    @extend_schema(
        operation_id="auth_password_reset",
        request=serializers.PasswordResetInputSerializer,
        responses={202: serializers.MessageSerializer, **error_responses(422, 429)},
        description=(
            "Emails a one-time link to set a new password. The answer is the same whether or not the account exists."
        ),
        auth=[],
    )
    def post(self, request):
        payload = serializers.PasswordResetInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.password_reset_request(login=payload.validated_data["login"], ip=request_client_ip(request))
        return Response(
            {"message": "If an account matches, we have emailed a link to set a new password."},
            status=status.HTTP_202_ACCEPTED,
        )


class PasswordSetView(APIView):
    authentication_classes = []
    required_scopes = {"post": PUBLIC}

    @extend_schema(
        operation_id="auth_password_set",
        request=serializers.PasswordSetInputSerializer,
        responses={200: serializers.MessageSerializer, **error_responses(400, 422)},
        description="Sets the password from an emailed link (`uid` and `token` are the link's last two parts).",
        auth=[],
    )
    def post(self, request):
        payload = serializers.PasswordSetInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        services.password_set_with_link(uidb64=data["uid"], token=data["token"], new_password=data["password"])
        return Response({"message": "Your password is set. You can sign in now."})


class CustomerRegisterView(APIView):
    authentication_classes = []
    required_scopes = {"post": PUBLIC}

    @extend_schema(
        operation_id="customers_register",
        request=serializers.CustomerRegisterInputSerializer,
        responses={202: serializers.MessageSerializer, **error_responses(422, 429)},
        description=(
            "Creates the customer and emails a welcome. A phone or email that already has an account gets the "
            "same answer (its holder is emailed instead), so the answer never tells who has an account. "
            "Limited per address (429)."
        ),
        auth=[],
    )
    def post(self, request):
        payload = serializers.CustomerRegisterInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.customer_register(**payload.validated_data, ip=request_client_ip(request))
        return Response({"message": REGISTERED}, status=status.HTTP_202_ACCEPTED)


class RoleListView(generics.ListAPIView):
    """Roles and the scopes each grants (edit them in Django admin)."""

    serializer_class = serializers.RoleOutputSerializer
    required_scopes = {"get": "READ:RBAC"}
    filter_backends = []

    def get_queryset(self):
        return selectors.role_list()

    @extend_schema(operation_id="rbac_roles_list", responses={200: serializers.RoleOutputSerializer(many=True),
                                                               **error_responses(401, 403)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
