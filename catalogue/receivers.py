"""How catalogue answers the signals of the apps below it (connected in CatalogueConfig.ready)."""

from accounts.signals import customer_anonymised
from catalogue.services import customer_saved_services_clear


def connect():
    customer_anonymised.connect(
        lambda sender, customer, **kwargs: customer_saved_services_clear(customer=customer),
        weak=False, dispatch_uid="catalogue-saved-services-clear")
