"""Every read of places, vehicles and the garage's settings, scoped to who is asking."""

from decimal import Decimal

from django.db.models import QuerySet

from accounts.models import User
from garage.models import (
    Address,
    Area,
    CarClass,
    CarModel,
    Content,
    CustomerCar,
    FuelType,
    GarageSettings,
    GstRate,
    Manufacturer,
    Status,
    Timeslot,
)
from revcare.roles import RoleName


def owned_by(queryset: QuerySet, user: User, owner_field: str = "customer") -> QuerySet:
    """Admins see every row; customers their own. Mechanics reach customers' rows only through the
    bookings assigned to them, never through these lists."""
    if getattr(user, "role_id", None) == RoleName.ADMIN:
        return queryset
    if getattr(user, "role_id", None) == RoleName.CUSTOMER:
        return queryset.filter(**{owner_field: user})
    return queryset.none()


def area_list() -> QuerySet[Area]:
    return Area.objects.all()


def address_list(*, user: User) -> QuerySet[Address]:
    return owned_by(Address.objects.select_related("area", "customer"), user)




def manufacturer_list() -> QuerySet[Manufacturer]:
    return Manufacturer.objects.all()


def fuel_type_list() -> QuerySet[FuelType]:
    return FuelType.objects.all()


def car_class_list() -> QuerySet[CarClass]:
    return CarClass.objects.all()


def car_model_list() -> QuerySet[CarModel]:
    return CarModel.objects.select_related("manufacturer", "fuel_type", "car_class")


def customer_car_list(*, user: User) -> QuerySet[CustomerCar]:
    return owned_by(
        CustomerCar.objects.select_related(
            "customer", "car_model__manufacturer", "car_model__fuel_type", "car_model__car_class"
        ),
        user,
    )


def status_list() -> QuerySet[Status]:
    return Status.objects.all()


def timeslot_list() -> QuerySet[Timeslot]:
    return Timeslot.objects.all()


def content_list() -> QuerySet[Content]:
    return Content.objects.select_related("updated_by")


def content_get(*, slug: str) -> Content | None:
    return Content.objects.select_related("updated_by").filter(slug=slug).first()


def garage_settings_get() -> GarageSettings:
    """The garage's policies: one primary-key read, not cached, so a change on the desk applies at once in
    every process. The defaults stand in when the row is missing (a flushed test database)."""
    return GarageSettings.objects.filter(pk=GarageSettings.SINGLE_ROW_ID).first() or GarageSettings(
        pk=GarageSettings.SINGLE_ROW_ID)


def gst_rate_current() -> GstRate:
    return GstRate.objects.select_related("set_by").latest()


def gst_percent_current() -> Decimal:
    return gst_rate_current().percent


def gst_rate_history() -> QuerySet[GstRate]:
    return GstRate.objects.select_related("set_by")
