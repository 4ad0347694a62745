"""The fixtures workshop's tests share with bookings' (a shop to book in, a photo to attach, the garage's clock)."""

from bookings.tests.conftest import ended_slot, garage_at_dawn, garage_at_midday, photo_file, shop  # noqa: F401 - pytest finds fixtures by name
