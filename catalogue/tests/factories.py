from decimal import Decimal

import factory

from catalogue.models import Category, PriceChart, Review, Service
from garage.tests.factories import CarClassFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service with a price for hatchbacks (or `price_classes`)."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Service {n}")
    description = "A job done well."
    category = factory.SubFactory(CategoryFactory)
    works = factory.LazyFunction(lambda: ["Inspect", "Fix"])
    symptoms = factory.LazyFunction(list)
    time_hours = Decimal("2.00")
    difficulty = 2
    search_text = factory.LazyAttribute(
        lambda service: " ".join([service.title, service.description, *service.works, *service.symptoms]).lower()
    )

    @factory.post_generation
    def price(service, create, extracted, **kwargs):
        if create:
            PriceChart.objects.create(service=service, car_class=CarClassFactory(), price=extracted or Decimal("1000"))


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    service = factory.SubFactory(ServiceFactory)
    rating = 4
    text = "Quick and tidy work."
