"""How garage answers the signals of the apps below it (connected in GarageConfig.ready)."""

from accounts.signals import customer_anonymised
from garage.services import customer_addresses_anonymise


def connect():
    customer_anonymised.connect(
        lambda sender, customer, **kwargs: customer_addresses_anonymise(customer=customer),
        weak=False, dispatch_uid="garage-addresses-anonymise")
