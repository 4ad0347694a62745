from rest_framework import serializers

from garage.models import (
    Address,
    Area,
    CarClass,
    CarModel,
    Content,
    CustomerCar,
    FuelType,
    GstRate,
    Manufacturer,
    Status,
    StatusKind,
    Timeslot,
)
from revcare.api.serializers import ModelInputSerializer


class AreaSerializer(ModelInputSerializer):
    class Meta:
        model = Area
        fields = ["id", "name", "pincode"]


class AddressInputSerializer(ModelInputSerializer):
    area_id = serializers.PrimaryKeyRelatedField(source="area", queryset=Area.objects.all())

    class Meta:
        model = Address
        fields = ["label", "line1", "line2", "area_id"]


class AddressOutputSerializer(serializers.ModelSerializer):
    area = AreaSerializer()
    customer_id = serializers.CharField(source="customer.public_id")

    class Meta:
        model = Address
        fields = ["id", "customer_id", "label", "line1", "line2", "area"]


class ManufacturerSerializer(ModelInputSerializer):
    class Meta:
        model = Manufacturer
        fields = ["id", "name"]


class FuelTypeSerializer(ModelInputSerializer):
    class Meta:
        model = FuelType
        fields = ["id", "name"]


class CarClassSerializer(ModelInputSerializer):
    class Meta:
        model = CarClass
        fields = ["id", "name", "description"]


class CarModelInputSerializer(ModelInputSerializer):
    manufacturer_id = serializers.PrimaryKeyRelatedField(source="manufacturer", queryset=Manufacturer.objects.all())
    fuel_type_id = serializers.PrimaryKeyRelatedField(source="fuel_type", queryset=FuelType.objects.all())
    car_class_id = serializers.PrimaryKeyRelatedField(source="car_class", queryset=CarClass.objects.all())

    class Meta:
        model = CarModel
        fields = ["name", "manufacturer_id", "fuel_type_id", "car_class_id", "year", "image"]


class CarModelOutputSerializer(serializers.ModelSerializer):
    manufacturer = ManufacturerSerializer()
    fuel_type = FuelTypeSerializer()
    car_class = CarClassSerializer()

    class Meta:
        model = CarModel
        fields = ["id", "name", "manufacturer", "fuel_type", "car_class", "year", "image"]


class CustomerCarInputSerializer(ModelInputSerializer):
    car_model_id = serializers.PrimaryKeyRelatedField(source="car_model", queryset=CarModel.objects.all())
    registration_number = serializers.CharField(max_length=20)

    class Meta:
        model = CustomerCar
        fields = ["car_model_id", "registration_number", "nickname"]


class CustomerCarOutputSerializer(serializers.ModelSerializer):
    customer_id = serializers.CharField(source="customer.public_id")
    car_model = CarModelOutputSerializer()

    class Meta:
        model = CustomerCar
        fields = ["id", "customer_id", "registration_number", "nickname", "car_model"]


class StatusSerializer(ModelInputSerializer):
    """A status of one of the apps' enums with the label staff give it; only name and description change."""

    kind = serializers.ChoiceField(choices=StatusKind.choices)
    code = serializers.CharField(max_length=30, help_text="The enum's value: fixed, never renamed")

    class Meta:
        model = Status
        fields = ["id", "kind", "code", "name", "description", "sort_order"]


class TimeslotSerializer(ModelInputSerializer):
    class Meta:
        model = Timeslot
        fields = ["id", "name", "start_time", "end_time", "capacity", "is_active"]


class ContentInputSerializer(ModelInputSerializer):
    slug = serializers.SlugField(max_length=60)

    class Meta:
        model = Content
        fields = ["slug", "title", "body", "image"]


class ContentOutputSerializer(serializers.ModelSerializer):
    updated_by = serializers.CharField(source="updated_by.public_id", default=None)

    class Meta:
        model = Content
        fields = ["slug", "title", "body", "image", "updated_by", "updated_at"]


class GstQuerySerializer(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=4, decimal_places=2, min_value=0, max_value=28)


class GstRateSerializer(serializers.ModelSerializer):
    set_by = serializers.CharField(source="set_by.public_id", default=None, allow_null=True)

    class Meta:
        model = GstRate
        fields = ["percent", "set_by", "set_at"]
