import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalogue import selectors
from catalogue.models import Category, Service
from garage.models import CarClass, FuelType


class SearchField(forms.CharField):
    def to_python(self, value):
        return selectors.search_text_normalised(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    """Search words normalised as the cache key normalises them, so equal keys are equal answers."""

    field_class = SearchField


class ServiceFilter(django_filters.FilterSet):
    search = SearchFilter(method="filter_search", max_length=200,
                                       help_text="Words from the title, description, works or symptoms")
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all())
    car_class = django_filters.ModelChoiceFilter(queryset=CarClass.objects.all(), method="filter_car_class")
    fuel_type = django_filters.ModelChoiceFilter(queryset=FuelType.objects.all(), method="filter_fuel_type")
    min_price = django_filters.NumberFilter(method="filter_price", min_value=0)
    max_price = django_filters.NumberFilter(method="filter_price", min_value=0)
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("min_price", "price"), ("rating_average", "rating"),
                ("difficulty", "difficulty"), ("time_hours", "time")),
        help_text="title, price, rating, difficulty or time; prefix - for descending",
    )

    class Meta:
        model = Service
        fields = ["search", "category", "car_class", "fuel_type", "min_price", "max_price"]

    def filter_search(self, queryset, name, value):
        return selectors.service_search(queryset, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_car_class(self, queryset, name, value):
        return selectors.service_filter_by_price(queryset, car_class_id=value.pk)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_fuel_type(self, queryset, name, value):
        return selectors.service_filter_by_fuel(queryset, value.pk)

    def filter_price(self, queryset, name, value):
        # Both bounds are applied together, against the chosen car class's price when one is given.
        if name == "max_price" and self.form.cleaned_data.get("min_price") is not None:
            return queryset
        car_class = self.form.cleaned_data.get("car_class")
        return selectors.service_filter_by_price(
            queryset,
            low=self.form.cleaned_data.get("min_price"),
            high=self.form.cleaned_data.get("max_price"),
            car_class_id=car_class.pk if car_class else None,
        )

    @property
    def qs(self):
        queryset = super().qs
        if "ordering" in self.data and self.data.get("ordering"):
            return queryset
        if self.form.cleaned_data.get("search"):
            return queryset.order_by("-relevance", "title")
        return queryset.order_by("title")
