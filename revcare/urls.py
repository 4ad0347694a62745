from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from accounts.api.urls import auth_urlpatterns, people_urlpatterns, rbac_urlpatterns
from revcare import views
from revcare.api import converters  # noqa: F401  registers <id:…> and <publicid:…> before any urls module
from revcare.landing import landing

admin.site.site_header = "RevCare administration"
admin.site.site_title = "RevCare admin"
admin.site.index_title = "Garage records"

# The REST API lives at the contract's own paths (/auth/login, /bookings/...). HTML lives at "/",
# under /portal/ and /admin/, so no page ever shadows an API path.
api_urlpatterns = [
    *auth_urlpatterns,
    *rbac_urlpatterns,
    path("", include("bookings.api.urls")),  # before mechanics/<id>: /mechanics/assignment_type
    *people_urlpatterns,
    path("", include("garage.api.urls")),
    path("", include("catalogue.api.urls")),
    path("", include("payments.api.urls")),
    path("", include("notifications.api.urls")),
]

bench_urlpatterns = [path("bench/baseline", views.BenchBaselineView.as_view())] if settings.BENCHMARK else []

urlpatterns = [
    *bench_urlpatterns,
    path("", landing, name="landing"),
    path("portal/mechanic/", include("bookings.portal.mechanic_urls")),
    path("portal/desk/", include("bookings.portal.desk_urls")),
    path("portal/desk/", include("garage.portal.desk_urls")),
    path("portal/desk/", include("accounts.portal.desk_urls")),
    path("portal/desk/", include("catalogue.portal.desk_urls")),
    path("portal/desk/", include("notifications.portal.desk_urls")),
    path("portal/", include("accounts.portal.urls")),
    path("portal/", include("payments.portal.urls")),
    path("portal/", include("catalogue.portal.urls")),
    path("portal/", include("bookings.portal.urls")),
    path("portal/", include("garage.portal.urls")),
    path("portal/", include("notifications.portal.urls")),
    path("admin/", admin.site.urls),
    path("health", views.health, name="health"),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema", permission_classes=[AllowAny]), name="swagger-ui"),
    path("redoc", SpectacularRedocView.as_view(url_name="schema", permission_classes=[AllowAny]), name="redoc"),
    *api_urlpatterns,
    # Last: whatever matched nothing gets the JSON 404 on API paths (even with DEBUG on).
    re_path(r"^.*$", views.unknown_path, name="not-found"),
]

handler400 = "revcare.views.bad_request"
handler403 = "revcare.views.permission_denied"
handler404 = "revcare.views.page_not_found"
handler500 = "revcare.views.server_error"
