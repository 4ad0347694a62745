"""Every read of the catalogue, with the joins and annotations done here so callers cannot forget."""

import re
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from catalogue.models import CartItem, Category, Favourite, PriceChart, Review, Service
from revcare.roles import RoleName

# Words that say nothing about which service is meant: "my car pulls to the left" → pull, left.
_STOPWORDS = frozenset(
    "a an and are at after be but by car cars do does for from has have i in is it its my of on or so some "
    "that the there this to very vehicle when while with".split()
)


def search_text_normalised(text: str) -> str:
    """Search text as the catalogue reads it, and keys its cached answers: lower case, single spaces."""
    return " ".join(text.split()).lower()


def search_terms(text: str) -> list[str]:
    """Lower-cased words worth matching, crudely stemmed so "pulls" finds "pull" and "brakes" "brake"."""
    terms = []
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        for suffix in ("ing", "es", "ed", "s"):
            if len(word) > 4 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        if word not in terms:
            terms.append(word)
    return terms[:10]


def service_search(queryset: QuerySet[Service], text: str) -> QuerySet[Service]:
    """Services matching any term of `text` in title, description, works or symptoms, annotated with
    `relevance` (a term in the title counts double) whatever the text, so callers can always rank by it.
    Text of only stop-words or punctuation ("my car", "!") names no service: nothing matches."""
    terms = search_terms(text)
    relevance = Value(0, output_field=IntegerField())
    for term in terms:
        relevance = relevance + Case(When(search_text__contains=term, then=Value(1)), default=Value(0))
        relevance = relevance + Case(When(title__icontains=term, then=Value(1)), default=Value(0))
    queryset = queryset.annotate(relevance=relevance)
    if not terms:
        return queryset.none() if text.strip() else queryset
    return queryset.filter(relevance__gt=0)


def _visible_reviews():
    return Review.objects.filter(service=OuterRef("pk"), is_visible=True, deleted_at=None).order_by().values("service")


def _with_listing_data(queryset: QuerySet[Service]) -> QuerySet[Service]:
    prices = PriceChart.objects.filter(service=OuterRef("pk")).order_by().values("service")
    return (
        queryset.select_related("category")
        .prefetch_related(
            Prefetch("prices", queryset=PriceChart.objects.select_related("car_class").order_by("car_class__name")),
            "fuel_types",
            "images",
        )
        .annotate(
            min_price=Subquery(prices.annotate(v=Min("price")).values("v")[:1]),
            max_price=Subquery(prices.annotate(v=Max("price")).values("v")[:1]),
            rating_average=Subquery(_visible_reviews().annotate(v=Avg("rating")).values("v")[:1]),
            rating_count=Coalesce(Subquery(_visible_reviews().annotate(v=Count("id")).values("v")[:1]),
                                  Value(0), output_field=IntegerField()),
        )
    )


# The namespace of cached catalogue answers (revcare/api/response_cache.py), retired by catalogue/signals.py.
CATALOGUE_CACHE = "catalogue"


def sees_inactive_services(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.role_id == RoleName.ADMIN


def service_list(*, user: User | None = None) -> QuerySet[Service]:
    """Active services for everyone; admins also see deactivated ones."""
    queryset = Service.objects.all()
    if not sees_inactive_services(user):
        queryset = queryset.filter(is_active=True)
    return _with_listing_data(queryset)


def service_filter_by_price(queryset: QuerySet[Service], *, low=None, high=None, car_class_id=None):
    rows = PriceChart.objects.filter(service=OuterRef("pk"))
    if car_class_id:
        rows = rows.filter(car_class_id=car_class_id)
    if low is not None:
        rows = rows.filter(price__gte=low)
    if high is not None:
        rows = rows.filter(price__lte=high)
    return queryset.filter(Exists(rows))


def service_filter_by_fuel(queryset: QuerySet[Service], fuel_type_id: int) -> QuerySet[Service]:
    """Services for that fuel; a service that names no fuel types suits every car."""
    named = Service.fuel_types.through.objects.filter(service=OuterRef("pk"))
    return queryset.filter(Exists(named.filter(fueltype_id=fuel_type_id)) | ~Exists(named))


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(service_count=Count("services", filter=Q(services__is_active=True))).order_by(
        "name"
    )


def review_list(*, service_id: int, user: User | None = None) -> QuerySet[Review]:
    """A service's reviews: the visible ones, and for admins the hidden ones too; never those deleted."""
    queryset = Review.objects.filter(service_id=service_id, deleted_at=None).select_related("customer")
    if user is None or not user.is_authenticated or user.role_id != RoleName.ADMIN:
        queryset = queryset.filter(is_visible=True)
    return queryset


def review_moderation_list(*, hidden_only: bool = False) -> QuerySet[Review]:
    """Every review, those their authors deleted too: the desk keeps the moderation record in view."""
    reviews = Review.objects.select_related("customer", "service", "moderated_by").order_by("-created_at", "-id")
    return reviews.filter(is_visible=False) if hidden_only else reviews


def review_of(*, customer: User) -> QuerySet[Review]:
    """The customer's own reviews, hidden ones included, not those they deleted."""
    return Review.objects.filter(customer=customer, deleted_at=None).select_related("customer", "service")


def cart_list(*, customer: User) -> QuerySet[CartItem]:
    return CartItem.objects.filter(customer=customer).select_related("service__category").prefetch_related(
        Prefetch("service__prices", queryset=PriceChart.objects.select_related("car_class"))
    )


def favourite_list(*, customer: User) -> QuerySet[Favourite]:
    return Favourite.objects.filter(customer=customer).select_related("service__category").prefetch_related(
        Prefetch("service__prices", queryset=PriceChart.objects.select_related("car_class"))
    )


def prices_for_class(*, services, car_class) -> dict[int, Decimal]:
    """{service id: price} for one car class, in one query; services without a price are left out."""
    return dict(PriceChart.objects.filter(service__in=services, car_class=car_class).values_list("service_id", "price"))
