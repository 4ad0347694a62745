"""The catalogue in the browser: the same selectors, filters and services as the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from catalogue import selectors, services
from catalogue.api.filters import ServiceFilter
from catalogue.models import CartItem, Favourite
from catalogue.portal.forms import ModerationForm, ReviewForm
from garage.selectors import customer_car_list
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required, row_id
from revcare.roles import RoleName

PAGE_SIZE = 12


def _saved_state(request, service_ids) -> dict:
    """Which of these services the signed-in customer has in the cart and favourites (two queries)."""
    user = request.user
    if not user.is_authenticated or user.role_id != "customer":
        return {"cart": set(), "favourites": set()}
    return {"cart": set(CartItem.objects.filter(customer=user, service_id__in=service_ids)
                        .values_list("service_id", flat=True)),
            "favourites": set(Favourite.objects.filter(customer=user, service_id__in=service_ids)
                              .values_list("service_id", flat=True))}


def service_catalogue(request):
    filters = ServiceFilter(request.GET or None, queryset=selectors.service_list(user=request.user))
    services_found = filters.qs if filters.is_bound and filters.is_valid() else selectors.service_list(
        user=request.user).order_by("title")
    page = Paginator(services_found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "catalogue/catalogue.html", {
        "filters": filters, "page": page, "query": query.urlencode(),
        "categories": selectors.category_list(), "saved": _saved_state(request, [s.pk for s in page]),
    })


def service_page(request, service_id: int):
    service = get_object_or_404(selectors.service_list(user=request.user), pk=service_id)
    reviews = selectors.review_list(service_id=service.pk, user=request.user)[:20]
    my_prices = []
    if request.user.is_authenticated and request.user.role_id == RoleName.CUSTOMER:
        cars = list(customer_car_list(user=request.user))
        by_class = {price.car_class_id: price.price for price in service.prices.all()}
        my_prices = [(car, by_class[car.car_model.car_class_id]) for car in cars
                     if car.car_model.car_class_id in by_class]
    return render(request, "catalogue/service.html", {
        "service": service, "reviews": reviews, "saved": _saved_state(request, [service.pk]), "my_prices": my_prices})


@login_required
@require_POST
def saved_toggle(request, service_id: int, kind: str):
    """HTMX: add the service to (or take it out of) the cart or favourites; answers the buttons only."""
    if kind not in ("cart", "favourites"):
        raise Http404
    service = get_object_or_404(selectors.service_list(user=request.user), pk=service_id)
    add, remove = {"cart": (services.cart_add, services.cart_remove),
                   "favourites": (services.favourite_add, services.favourite_remove)}[kind]
    error = None
    try:
        if service.pk in _saved_state(request, [service.pk])[kind]:
            remove(customer=request.user, service_id=service.pk)
        else:
            add(customer=request.user, service=service)
    except ApplicationError as refused:
        error = str(refused.detail)
    return render(request, "catalogue/_saved_buttons.html", {
        "service": service, "saved": _saved_state(request, [service.pk]), "error": error})


@role_required(RoleName.CUSTOMER)
def saved_services(request, kind: str):
    """The cart (what the customer means to book next) or their favourites, as service cards."""
    saved = {"cart": selectors.cart_list, "favourites": selectors.favourite_list}[kind](customer=request.user)
    found = selectors.service_list(user=request.user).filter(pk__in=saved.values("service_id")).order_by("title")
    return render(request, "catalogue/saved.html", {
        "kind": kind, "services": found, "saved": _saved_state(request, [s.pk for s in found])})


@role_required(RoleName.CUSTOMER)
@require_POST
def review_create(request, service_id: int):
    """A review from the booking page, once a booking with the service is completed."""
    service = get_object_or_404(selectors.service_list(user=request.user), pk=service_id)
    form = ReviewForm(request.POST)
    booking_id = form.cleaned_data["booking"] if form.is_valid() else form["booking"].value()
    back = (redirect("portal:booking", row_id(booking_id)) if row_id(booking_id) is not None
            else redirect("portal:service", service.pk))
    if form.errors:
        form_refusal(request, form)
        return back
    rating, text = form.cleaned_data["rating"], form.cleaned_data["text"]
    try:
        review = services.review_create(customer=request.user, service=service, rating=rating, text=text)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        if review.is_visible:
            messages.success(request, f"Thank you for reviewing {service.title}!")
        else:
            messages.warning(request, f"Your review of {service.title} is saved but stays hidden, as the garage "
                                      f"decided earlier: {review.moderation_reason}")
    return back


@role_required(RoleName.ADMIN)
def review_queue(request):
    """Reviews newest first, hidden ones marked, for moderation."""
    shown = request.GET.get("show", "all")
    reviews = selectors.review_moderation_list(hidden_only=shown == "hidden")
    page = Paginator(reviews, 30).get_page(request.GET.get("page"))
    return render(request, "desk/reviews.html", {"page": page, "shown": shown,
                                                 "query": "show=hidden" if shown == "hidden" else ""})


@role_required(RoleName.ADMIN)
@require_POST
def review_moderate(request, review_id: int):
    review = get_object_or_404(selectors.review_moderation_list(), pk=review_id)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        form_refusal(request, form)
        return redirect("desk:reviews")
    hide, reason = not form.cleaned_data["visible"], form.cleaned_data["reason"].strip()
    services.review_moderate(service=review.service, customer=review.customer, is_visible=not hide,
                             reason=reason or "Restored", moderator=request.user)
    messages.success(request, f"Review of {review.service.title} {'hidden' if hide else 'shown again'}.")
    return redirect("desk:reviews")
