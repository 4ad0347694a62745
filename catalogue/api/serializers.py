from decimal import Decimal

from rest_framework import serializers

from catalogue.models import Category, Review, Service
from garage.api.serializers import CarClassSerializer, FuelTypeSerializer
from garage.models import CarClass, FuelType
from revcare.api.serializers import ModelInputSerializer


class CategorySerializer(ModelInputSerializer):
    service_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Category
        fields = ["id", "name", "description", "image", "service_count"]


class PriceInputSerializer(serializers.Serializer):
    car_class_id = serializers.PrimaryKeyRelatedField(source="car_class", queryset=CarClass.objects.all())
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)


class PriceOutputSerializer(serializers.Serializer):
    car_class = CarClassSerializer()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)


class PriceChartInputSerializer(serializers.Serializer):
    prices = PriceInputSerializer(many=True)


class ServiceInputSerializer(ModelInputSerializer):
    category_id = serializers.PrimaryKeyRelatedField(source="category", queryset=Category.objects.all())
    works = serializers.ListField(child=serializers.CharField(max_length=200), max_length=30, default=list)
    symptoms = serializers.ListField(child=serializers.CharField(max_length=200), max_length=30, default=list)
    fuel_type_ids = serializers.PrimaryKeyRelatedField(source="fuel_types", queryset=FuelType.objects.all(),
                                                       many=True, required=False)
    prices = PriceInputSerializer(many=True, required=False)
    time_hours = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal("0.25"))
    difficulty = serializers.IntegerField(min_value=1, max_value=5)

    class Meta:
        model = Service
        fields = ["title", "description", "category_id", "works", "symptoms", "warranty_km", "warranty_months",
                  "time_hours", "difficulty", "fuel_type_ids", "prices", "is_active"]


class ServiceImageSerializer(serializers.Serializer):
    image = serializers.ImageField()
    caption = serializers.CharField()


class ServiceOutputSerializer(serializers.ModelSerializer):
    category = serializers.SerializerMethodField()
    fuel_types = FuelTypeSerializer(many=True)
    prices = PriceOutputSerializer(many=True)
    images = ServiceImageSerializer(many=True)
    min_price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    max_price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    rating_average = serializers.SerializerMethodField()
    rating_count = serializers.IntegerField()

    class Meta:
        model = Service
        fields = ["id", "title", "description", "category", "works", "symptoms", "warranty_km", "warranty_months",
                  "time_hours", "difficulty", "fuel_types", "prices", "images", "min_price", "max_price",
                  "rating_average", "rating_count", "is_active"]

    def get_category(self, service) -> dict:
        return {"id": service.category_id, "name": service.category.name}

    def get_rating_average(self, service) -> float | None:
        # A display figure (e.g. 4.3 stars), not money: one decimal is what people read.
        average = getattr(service, "rating_average", None)
        return round(float(average), 1) if average is not None else None


class ReviewInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(min_length=5, max_length=1000, required=False, allow_blank=False)


class ReviewOutputSerializer(serializers.ModelSerializer):
    customer_id = serializers.CharField(source="customer.public_id")
    customer_name = serializers.CharField(source="customer.first_name")

    class Meta:
        model = Review
        fields = ["id", "service_id", "customer_id", "customer_name", "rating", "text", "is_visible",
                  "moderation_reason", "created_at", "updated_at"]


class ReviewModerationInputSerializer(serializers.Serializer):
    customer_id = serializers.RegexField(r"^CST\d{6}$", help_text="Public id of the review's author")
    is_visible = serializers.BooleanField()
    reason = serializers.CharField(min_length=3, max_length=300)


class ServiceCardSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")

    class Meta:
        model = Service
        fields = ["id", "title", "category", "time_hours", "difficulty", "is_active"]


class CarPriceSerializer(serializers.Serializer):
    car_id = serializers.IntegerField()
    registration_number = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)


class SavedServiceSerializer(serializers.Serializer):
    """A cart or favourites row: the service and what it costs for each of the customer's cars."""

    service = ServiceCardSerializer()
    added_at = serializers.DateTimeField()
    prices_for_my_cars = serializers.SerializerMethodField()

    def get_prices_for_my_cars(self, row) -> CarPriceSerializer(many=True):
        by_class = {price.car_class_id: price.price for price in row.service.prices.all()}
        cars = self.context.get("cars", [])
        return CarPriceSerializer(
            [{"car_id": car.pk, "registration_number": car.registration_number,
              "price": by_class.get(car.car_model.car_class_id)} for car in cars],
            many=True,
        ).data
