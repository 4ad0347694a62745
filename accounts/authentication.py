from django.db.models import Exists, OuterRef
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed

from accounts.models import LoginSession, RevokedToken


class RevocableJWTAuthentication(JWTAuthentication):
    """simplejwt's bearer authentication, plus the revocation simplejwt lacks for access tokens:
    a token whose jti was revoked, or whose sign-in session ended, is refused on every request."""

    def get_validated_token(self, raw_token):
        token = super().get_validated_token(raw_token)
        live = (
            LoginSession.objects.filter(pk=token.get("sid"), revoked_at__isnull=True)
            .filter(~Exists(RevokedToken.objects.filter(jti=token.get("jti"), login_session=OuterRef("pk"))))
            .exists()
        )
        if not live:
            raise AuthenticationFailed("Token has been revoked.", code="token_revoked")
        return token
