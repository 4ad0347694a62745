"""What the garage sells: categories, services, the price chart, reviews, carts and favourites."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models

from garage.models import CarClass, FuelType
from revcare.uploads import UnguessableName


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    image = models.ImageField(upload_to=UnguessableName("categories"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    title = models.CharField(max_length=120, unique=True)
    description = models.TextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="services")
    works = models.JSONField(default=list, help_text="What the job includes, one line each")
    symptoms = models.JSONField(default=list, help_text="Problems it fixes, in a customer's words")
    warranty_km = models.PositiveIntegerField(default=0)
    warranty_months = models.PositiveSmallIntegerField(default=0)
    time_hours = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))])
    difficulty = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    fuel_types = models.ManyToManyField(FuelType, related_name="services", blank=True,
                                        help_text="Fuel types it applies to; none means all")
    is_active = models.BooleanField(default=True)
    # Lower-cased title, description, works and symptoms, kept by the services layer for text search.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.CheckConstraint(condition=models.Q(difficulty__gte=1, difficulty__lte=5),
                                              name="service_difficulty_1_to_5")]

    def __str__(self) -> str:
        return self.title


class ServiceImage(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=UnguessableName("services"))
    caption = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"Image of {self.service}"


class PriceChart(models.Model):
    """The price of a service for one car class, in rupees before GST."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    car_class = models.ForeignKey(CarClass, on_delete=models.PROTECT, related_name="prices")
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["service", "car_class__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "car_class"], name="pricechart_unique_service_class"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="pricechart_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.service} for {self.car_class}: ₹{self.price}"


class Review(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reviews")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(blank=True, validators=[MinLengthValidator(5)], max_length=1000)
    is_visible = models.BooleanField(default=True)
    moderation_reason = models.CharField(max_length=300, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    # The customer deleted it: the row stays (shown nowhere but the desk) so that a hidden review stays
    # hidden, with who hid it and why, when the customer writes again (that revives this row).
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "customer"], name="review_one_per_customer_service"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.service} by {self.customer_id}"


class SavedService(models.Model):
    """A service a customer keeps for later: one row per (customer, service)."""

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["customer", "service"],
                                               name="%(class)s_one_row_per_service")]

    def __str__(self) -> str:
        return f"{self.service} saved by {self.customer_id}"


class CartItem(SavedService):
    class Meta(SavedService.Meta):
        pass


class Favourite(SavedService):
    class Meta(SavedService.Meta):
        pass
