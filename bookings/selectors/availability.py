"""How many pickups each slot can still take on a day: garage's slots against the bookings holding them."""

from dataclasses import dataclass
from datetime import date

from bookings.selectors.access import pickups_per_timeslot
from garage.models import Timeslot
from garage.selectors import timeslot_list


@dataclass(frozen=True)
class SlotAvailability:
    timeslot: Timeslot
    date: date
    booked: int

    @property
    def remaining(self) -> int:
        return max(self.timeslot.capacity - self.booked, 0)


def timeslot_availability(*, on: date) -> list[SlotAvailability]:
    """Each active slot on a day with how many pickups it can still take (two queries)."""
    taken = pickups_per_timeslot(on=on)
    return [SlotAvailability(timeslot=slot, date=on, booked=taken.get(slot.pk, 0))
            for slot in timeslot_list().filter(is_active=True)]
