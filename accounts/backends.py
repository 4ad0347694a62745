from django.contrib.auth.backends import BaseBackend

from accounts.models import User
from accounts.selectors import user_get_by_login


class PhoneOrEmailBackend(BaseBackend):
    """Sign in with the 10-digit phone number or the email address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = user_get_by_login(login=username)
        if user is None:
            # Hash anyway so a missing or disabled account answers as slowly as a wrong password.
            User().set_password(password)
            return None
        return user if user.check_password(password) else None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
