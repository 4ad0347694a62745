"""Master data every RevCare garage starts with (seeded by revcare.seed; editable afterwards). Statuses are
not here: they are the apps' enums (garage.statuses)."""

from datetime import time
from decimal import Decimal

TIMESLOTS = [
    ("Morning", time(8), time(12), 8),
    ("Afternoon", time(13), time(16), 6),
    ("Evening", time(16), time(19), 6),
    ("Night", time(19), time(22), 4),
]

DEFAULT_GST_PERCENT = Decimal("18.00")
