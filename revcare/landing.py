"""The home page: it composes the apps (garage's CMS banners, the catalogue's categories and services,
each role's portal), so it sits on top of them rather than in any one."""

from django.shortcuts import redirect, render

from accounts.portal.views import PORTAL_HOME
from catalogue.selectors import category_list, service_list
from garage.selectors import content_get
from revcare.roles import RoleName


def landing(request):
    """Staff go to their portal; customers and visitors see the shop window: the CMS banners,
    categories and the best-rated services."""
    if request.user.is_authenticated and request.user.role_id != RoleName.CUSTOMER:
        return redirect(PORTAL_HOME[request.user.role_id])
    popular = service_list(user=request.user).order_by("-rating_count", "-rating_average", "title")[:6]
    return render(request, "portal/landing.html", {
        "home_banner": content_get(slug="home-banner"), "offers_banner": content_get(slug="offers-banner"),
        "categories": category_list(), "popular": popular, "saved": {"cart": set(), "favourites": set()}})
