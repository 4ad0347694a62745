from django.urls import path

from accounts.api import people, views
from revcare.api import converters  # noqa: F401  registers <publicid:…>

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

COLLECTION = {"get": "list", "post": "create"}
ITEM = {"get": "retrieve", "put": "update", "delete": "destroy"}

people_urlpatterns = [
    path("admins/", people.AdminViewSet.as_view(COLLECTION), name="admin-list"),
    path("admins/<publicid:id>", people.AdminViewSet.as_view(ITEM), name="admin-detail"),
    path("customers/", people.CustomerViewSet.as_view({"get": "list"}), name="customer-list"),
    path("customers/<publicid:id>", people.CustomerViewSet.as_view(ITEM), name="customer-detail"),
]
