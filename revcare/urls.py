from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from accounts.api.urls import auth_urlpatterns, people_urlpatterns, rbac_urlpatterns
from accounts.portal import urls as accounts_urls
from aftercare.portal import urls as aftercare_urls
from bookings.portal import urls as bookings_urls
from catalogue.portal import desk_urls as catalogue_desk_urls
from catalogue.portal import urls as catalogue_urls
from frontdesk import customer_urls as frontdesk_customer_urls
from frontdesk import urls as frontdesk_desk_urls
from garage.portal import desk_urls as garage_desk_urls
from garage.portal import urls as garage_urls
from notifications.portal import desk_urls as notifications_desk_urls
from notifications.portal import urls as notifications_urls
from payments.portal import mechanic_urls as payments_mechanic_urls
from payments.portal import urls as payments_urls
from revcare import views
from revcare.api import converters  # noqa: F401  registers <id:…> and <publicid:…> before any urls module
from revcare.landing import landing
from workshop.portal import customer_urls as workshop_customer_urls
from workshop.portal import desk_urls as workshop_desk_urls
from workshop.portal import urls as workshop_mechanic_urls

admin.site.site_header = "RevCare administration"
admin.site.site_title = "RevCare admin"
admin.site.index_title = "Garage records"

# The REST API lives at the contract's own paths (/auth/login, /bookings/...). HTML lives at "/",
# under /portal/ and /admin/, so no page ever shadows an API path.
api_urlpatterns = [
    *auth_urlpatterns,
    *rbac_urlpatterns,
    path("", include("bookings.api.urls")),  # /utils/timeslot with places left, before garage's own
    path("", include("workshop.api.urls")),  # the mechanics (people API) and their work
    path("", include("frontdesk.api.urls")),
    path("", include("aftercare.api.urls")),
    *people_urlpatterns,
    path("", include("garage.api.urls")),
    path("", include("catalogue.api.urls")),
    path("", include("payments.api.urls")),
    path("", include("notifications.api.urls")),
]

# One namespace per portal, whichever app serves the page: "desk:booking", "mechanic:job",
# "portal:checkout". Django resolves a namespace to a single include, so each portal's pages are
# gathered here (in the order they were matched before) and included once.
mechanic_urlpatterns = [
    *workshop_mechanic_urls.urlpatterns,
    *payments_mechanic_urls.urlpatterns,
    *aftercare_urls.mechanic_urlpatterns,
]
desk_urlpatterns = [
    *frontdesk_desk_urls.urlpatterns,
    *garage_desk_urls.urlpatterns,
    *workshop_desk_urls.urlpatterns,
    *catalogue_desk_urls.urlpatterns,
    *notifications_desk_urls.urlpatterns,
]
portal_urlpatterns = [
    *accounts_urls.urlpatterns,
    *payments_urls.urlpatterns,
    *catalogue_urls.urlpatterns,
    *bookings_urls.urlpatterns,
    *frontdesk_customer_urls.urlpatterns,
    *workshop_customer_urls.urlpatterns,
    *aftercare_urls.urlpatterns,
    *garage_urls.urlpatterns,
    *notifications_urls.urlpatterns,
]

bench_urlpatterns = [path("bench/baseline", views.BenchBaselineView.as_view())] if settings.BENCHMARK else []

urlpatterns = [
    *bench_urlpatterns,
    path("", landing, name="landing"),
    path("portal/mechanic/", include((mechanic_urlpatterns, "mechanic"))),
    path("portal/desk/", include((desk_urlpatterns, "desk"))),
    path("portal/", include((portal_urlpatterns, "portal"))),
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
