"""Every write to the catalogue: categories, services and prices, reviews, carts and favourites."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from accounts.models import User
from catalogue.hooks import customer_has_completed_service
from catalogue.models import CartItem, Category, Favourite, PriceChart, Review, Service
from garage.models import CarClass
from revcare.db import assign_fields, delete_unless_referenced, save_unique
from revcare.errors import ApplicationError, ConflictError, NotFoundError
from revcare.roles import RoleName

# Categories ------------------------------------------------------------------------------------


@transaction.atomic
def category_create(**fields) -> Category:
    return save_unique(Category(**fields), what="category")


@transaction.atomic
def category_update(*, category: Category, **fields) -> Category:
    return save_unique(assign_fields(category, fields), what="category")


def category_delete(*, category: Category) -> None:
    delete_unless_referenced(category, what="category (it still has services)")


# Services and the price chart -------------------------------------------------------------------


def service_search_text(service: Service) -> str:
    parts = [service.title, service.description, *service.works, *service.symptoms]
    return " ".join(part.strip() for part in parts if part).lower()


def _price_chart_replace(*, service: Service, prices: list[dict]) -> None:
    classes = [row["car_class"].pk for row in prices]
    if len(classes) != len(set(classes)):
        raise ValidationError({"prices": ["Give each car class one price."]})
    PriceChart.objects.filter(service=service).exclude(car_class_id__in=classes).delete()
    for row in prices:
        PriceChart.objects.update_or_create(service=service, car_class=row["car_class"],
                                            defaults={"price": row["price"]})


@transaction.atomic
def service_create(*, fuel_types=(), prices: list[dict] = (), **fields) -> Service:
    service = Service(**fields)
    service.search_text = service_search_text(service)
    save_unique(service, what="service")
    service.fuel_types.set(fuel_types)
    _price_chart_replace(service=service, prices=list(prices))
    return service


@transaction.atomic
def service_update(*, service: Service, fuel_types=None, prices: list[dict] | None = None, **fields) -> Service:
    assign_fields(service, fields)
    service.search_text = service_search_text(service)
    save_unique(service, what="service")
    if fuel_types is not None:
        service.fuel_types.set(fuel_types)
    if prices is not None:
        _price_chart_replace(service=service, prices=prices)
    return service


@transaction.atomic
def price_chart_set(*, service: Service, prices: list[dict]) -> Service:
    _price_chart_replace(service=service, prices=prices)
    return service


def price_for_class(*, service: Service, car_class: CarClass) -> Decimal:
    row = PriceChart.objects.filter(service=service, car_class=car_class).first()
    if row is None:
        raise ApplicationError(f"{service.title} has no price for {car_class.name} cars.")
    return row.price


@transaction.atomic
def service_remove(*, service: Service) -> bool:
    """Delete a service, or deactivate it when other records (booked lines, deferred work) protect it, so
    their history stays readable. Returns whether it was deleted."""
    try:
        with transaction.atomic():
            service.delete()
    except (ProtectedError, RestrictedError):
        service.is_active = False
        service.save(update_fields=["is_active", "updated_at"])
        return False
    return True


# Cart and favourites ----------------------------------------------------------------------------


def _require_customer(user: User) -> None:
    if user.role_id != RoleName.CUSTOMER:
        raise ApplicationError("Only customers keep a cart and favourites.")


def _require_active(service: Service) -> None:
    if not service.is_active:
        raise ApplicationError(f"{service.title} is no longer offered.")


def _add_once(model, *, customer: User, service: Service, where: str):
    _require_customer(customer)
    _require_active(service)
    try:
        with transaction.atomic():
            return model.objects.create(customer=customer, service=service)
    except IntegrityError as error:
        raise ConflictError(f"{service.title} is already in your {where}.") from error


def _remove(model, *, customer: User, service_id: int, where: str) -> None:
    deleted, _ = model.objects.filter(customer=customer, service_id=service_id).delete()
    if not deleted:
        raise NotFoundError(f"That service is not in your {where}.")


def cart_add(*, customer: User, service: Service) -> CartItem:
    return _add_once(CartItem, customer=customer, service=service, where="cart")


def cart_remove(*, customer: User, service_id: int) -> None:
    _remove(CartItem, customer=customer, service_id=service_id, where="cart")


def cart_remove_booked(*, customer: User, service_ids: list[int]) -> None:
    """Booking services takes them out of the cart."""
    CartItem.objects.filter(customer=customer, service_id__in=service_ids).delete()


def favourite_add(*, customer: User, service: Service) -> Favourite:
    return _add_once(Favourite, customer=customer, service=service, where="favourites")


def favourite_remove(*, customer: User, service_id: int) -> None:
    _remove(Favourite, customer=customer, service_id=service_id, where="favourites")


def customer_saved_services_clear(*, customer: User) -> None:
    CartItem.objects.filter(customer=customer).delete()
    Favourite.objects.filter(customer=customer).delete()


# Reviews ----------------------------------------------------------------------------------------


@transaction.atomic
def review_create(*, customer: User, service: Service, rating: int, text: str = "") -> Review:
    _require_customer(customer)
    if not customer_has_completed_service(customer_id=customer.pk, service_id=service.pk):
        raise ApplicationError("You can review a service once a booking that included it is completed.")
    deleted = Review.objects.select_for_update().filter(customer=customer, service=service,
                                                        deleted_at__isnull=False).first()
    if deleted is not None:
        # Written again after deleting it: the same row, so a review the garage hid stays hidden, and the
        # record of who hid it and why stays with it.
        deleted.rating, deleted.text, deleted.deleted_at, deleted.created_at = rating, text, None, timezone.now()
        deleted.save(update_fields=["rating", "text", "deleted_at", "created_at", "updated_at"])
        return deleted
    try:
        with transaction.atomic():
            return Review.objects.create(customer=customer, service=service, rating=rating, text=text)
    except IntegrityError as error:
        raise ConflictError("You have already reviewed this service; edit that review instead.") from error


@transaction.atomic
def review_update(*, review: Review, **fields) -> Review:
    assign_fields(review, fields).save()
    return review


def review_delete(*, review: Review) -> None:
    """The customer deletes their review: it is shown nowhere any more (the desk still sees it), and its
    row stays with any moderation of it (see review_create)."""
    review.deleted_at = timezone.now()
    review.save(update_fields=["deleted_at", "updated_at"])


@transaction.atomic
def review_moderate(*, service: Service, customer: User, is_visible: bool, reason: str, moderator: User) -> Review:
    """Hide or restore a customer's review of a service, with the reason on record."""
    if moderator.role_id != RoleName.ADMIN:
        raise ApplicationError("Only admins moderate reviews.", status=403)
    review = Review.objects.select_for_update().filter(service=service, customer=customer).first()
    if review is None:
        raise NotFoundError("That customer has not reviewed this service.")
    review.is_visible = is_visible
    review.moderation_reason = reason
    review.moderated_by = moderator
    review.moderated_at = timezone.now()
    review.save(update_fields=["is_visible", "moderation_reason", "moderated_by", "moderated_at", "updated_at"])
    return review
