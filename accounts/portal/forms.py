from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from revcare.errors import ApplicationError


class LimitedSignInMixin:
    """The sign-in limits' refusal (too many failures, too many sign-ins at once) shown above the form."""

    def clean(self):
        try:
            return super().clean()
        except ApplicationError as refusal:
            raise ValidationError(str(refusal.detail), code="sign_in_refused") from refusal


class SignInForm(LimitedSignInMixin, AuthenticationForm):
    username = forms.CharField(
        label="Phone number or email",
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": "Incorrect phone/email or password.",
        "inactive": "This account is disabled.",
    }


class AdminSignInForm(LimitedSignInMixin, AdminAuthenticationForm):
    """Django admin's sign-in, within the same limits as the API and the portals."""


class PasswordResetRequestForm(forms.Form):
    login = forms.CharField(label="Phone number or email", max_length=254)


class PasswordSetForm(forms.Form):
    password = forms.CharField(
        label="New password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label="New password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", "The two passwords differ.")
        return cleaned


class ProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(max_length=150, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    phone = forms.RegexField(regex=r"^[0-9]{10}$", label="Mobile number", max_length=10,
                             error_messages={"invalid": "Enter a 10-digit mobile number."},
                             widget=forms.TextInput(attrs={"autocomplete": "tel-national", "inputmode": "numeric"}))
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class RegisterForm(ProfileForm, PasswordSetForm):
    field_order = ["first_name", "last_name", "phone", "email", "password", "password_again"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label, self.fields["password_again"].label = "Password", "Password again"
