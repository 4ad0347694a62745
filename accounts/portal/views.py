from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.backends import request_client_ip
from accounts.portal.forms import PasswordResetRequestForm, PasswordSetForm, ProfileForm, RegisterForm, SignInForm
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required
from revcare.roles import RoleName

PORTAL_HOME = {
    RoleName.CUSTOMER: "portal:customer-home",
    RoleName.MECHANIC: "mechanic:today",
    RoleName.ADMIN: "desk:dashboard",
}


@role_required(RoleName.CUSTOMER)
def customer_home(request):
    return redirect("portal:my-bookings")


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # Without a ?next=, each person lands on their own portal's home.
        return resolve_url(PORTAL_HOME[self.request.user.role_id])


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:login")


@require_http_methods(["GET", "POST"])
def password_reset_request(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(login=form.cleaned_data["login"], ip=request_client_ip(request))
        except ApplicationError as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, "If an account matches, we have emailed you a link to set a new password.")
            return redirect("portal:login")
    return render(request, "accounts/password_reset.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_set(request, uidb64: str, token: str):
    """The emailed link, for a password reset and a staff invitation alike."""
    if services.user_from_password_link(uidb64=uidb64, token=token) is None:
        return render(request, "accounts/password_set.html", {"link_invalid": True}, status=400)
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set_with_link(uidb64=uidb64, token=token, new_password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error.message_dict.get("password", error.messages))
        else:
            messages.success(request, "Your password is set. Sign in with it now.")
            return redirect("portal:login")
    return render(request, "accounts/password_set.html", {"form": form})


@require_http_methods(["GET", "POST"])
def register(request):
    """A customer signs up, then signs in on the way to where they were heading. A phone or email that
    already has an account ends on the same page (its holder is emailed), so the page tells no one who
    has an account."""
    if request.user.is_authenticated:
        return redirect("landing")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("phone", "email", "first_name", "last_name", "password")}
        try:
            services.customer_register(**fields, ip=request_client_ip(request))
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"Thank you, {fields['first_name']}. We have emailed you at {fields['email']}. "
                                      "Sign in with your mobile number and password.")
            query = urlencode({"next": next_url or reverse("portal:cars")}, safe="/")
            return redirect(f"{reverse('portal:login')}?{query}")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


@role_required(RoleName.CUSTOMER)
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial={
        "first_name": user.first_name, "last_name": user.last_name, "phone": user.phone, "email": user.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=user, changed_by=user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as refusal:
            user.refresh_from_db()  # the rejected values must not linger in the navbar
            form_refusal(form, refusal)
        else:
            messages.success(request, "Your details are saved.")
            return redirect("portal:profile")
    return render(request, "portal/form_page.html", {
        "form": form, "title": "My details", "submit_label": "Save my details"})
