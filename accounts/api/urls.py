from django.urls import path

from accounts.api import views

auth_urlpatterns = [
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/refresh", views.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/password-reset", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path("auth/password-set", views.PasswordSetView.as_view(), name="auth-password-set"),
    path("customers/register", views.CustomerRegisterView.as_view(), name="customers-register"),
]

rbac_urlpatterns = [
    path("rbac/roles", views.RoleListView.as_view(), name="rbac-roles"),
]
