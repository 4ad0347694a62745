import factory

from accounts.tests.factories import CustomerFactory
from garage.models import Address, Area, CarClass, CarModel, CustomerCar, FuelType, Manufacturer


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")
    pincode = factory.Sequence(lambda n: f"{600001 + n}")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    customer = factory.SubFactory(CustomerFactory)
    label = "Home"
    line1 = factory.Sequence(lambda n: f"{n} Gandhi Road")
    area = factory.SubFactory(AreaFactory)


class ManufacturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manufacturer
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Maker {n}")


class FuelTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FuelType
        django_get_or_create = ["name"]

    name = "Petrol"


class CarClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarClass
        django_get_or_create = ["name"]

    name = "Hatchback"


class CarModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarModel

    name = factory.Sequence(lambda n: f"Model {n}")
    manufacturer = factory.SubFactory(ManufacturerFactory)
    fuel_type = factory.SubFactory(FuelTypeFactory)
    car_class = factory.SubFactory(CarClassFactory)
    year = 2022


class CustomerCarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerCar

    customer = factory.SubFactory(CustomerFactory)
    car_model = factory.SubFactory(CarModelFactory)
    registration_number = factory.Sequence(lambda n: f"KA01AB{n:04d}")

