"""Questions catalogue asks of the apps above it, which it must not import. The app that knows the
answer registers it in its AppConfig.ready (bookings does, for finished work)."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_completed_service_check: Callable[..., bool] | None = None


def completed_service_check_register(check: Callable[..., bool]) -> None:
    """`check(customer_id=..., service_id=...)` answers whether the customer had that service done in a
    booking that reached completion: the condition for reviewing it."""
    global _completed_service_check
    _completed_service_check = check


def customer_has_completed_service(*, customer_id: int, service_id: int) -> bool:
    if _completed_service_check is None:
        raise ImproperlyConfigured("No app registered catalogue's completed-service check (bookings does).")
    return _completed_service_check(customer_id=customer_id, service_id=service_id)
