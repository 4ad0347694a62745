"""Cached catalogue answers are retired whenever anything they show changes: services, their prices,
images, categories, fuel types and visible reviews, and the car classes and fuel types they name."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from catalogue.models import Service
from catalogue.selectors import CATALOGUE_CACHE
from revcare.api import response_cache

SHOWN_IN_THE_CATALOGUE = ["catalogue.Category", "catalogue.Service", "catalogue.ServiceImage", "catalogue.PriceChart",
                          "catalogue.Review", "garage.CarClass", "garage.FuelType"]


def catalogue_changed(**kwargs):
    # Now, so this transaction's own later reads see the change; and again at the commit, so an answer
    # another request cached meanwhile from the data before the commit is retired too.
    response_cache.forget(CATALOGUE_CACHE)
    transaction.on_commit(lambda: response_cache.forget(CATALOGUE_CACHE))


def connect():
    for label in SHOWN_IN_THE_CATALOGUE:
        post_save.connect(catalogue_changed, sender=label, dispatch_uid=f"catalogue-cache-save-{label}")
        post_delete.connect(catalogue_changed, sender=label, dispatch_uid=f"catalogue-cache-delete-{label}")
    m2m_changed.connect(catalogue_changed, sender=Service.fuel_types.through, dispatch_uid="catalogue-cache-fuels")
