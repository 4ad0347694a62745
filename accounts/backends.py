from django.contrib.auth.backends import BaseBackend
from rest_framework.throttling import BaseThrottle

from accounts import services
from accounts.models import User


def request_client_ip(request) -> str:
    """The caller's address as the sign-in limits count it: DRF's reading (REMOTE_ADDR, or
    X-Forwarded-For behind NUM_PROXIES proxies), the same for the API, the portals and Django admin."""
    return BaseThrottle().get_ident(request)


class PhoneOrEmailBackend(BaseBackend):
    """Sign in with the 10-digit phone number or the email address, within the sign-in limits: the
    portals' and Django admin's forms come through here, the API calls the same service."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        ip = request_client_ip(request) if request is not None else None
        return services.user_authenticate(login=username, password=password, ip=ip)

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
