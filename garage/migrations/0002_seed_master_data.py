from datetime import time
from decimal import Decimal

from django.db import migrations

# The master data as first seeded, frozen here so that this migration means the same whatever the code
# says later (0005 brings the statuses in line with the apps' enums).
STATUSES = {
    "booking": [
        ("booked", "Booked", "The customer has booked; a slot is held."),
        ("pickup", "Pickup", "A mechanic is on the way to collect the car."),
        ("received", "Received", "The car is at the garage."),
        ("analysis", "Analysis", "A mechanic is inspecting the car."),
        ("analysed", "Analysed", "The quote is ready for the customer to confirm."),
        ("in-progress", "In progress", "The confirmed work is under way."),
        ("completed", "Completed", "All confirmed work is done."),
        ("out-for-delivery", "Out for delivery", "A mechanic is returning the car."),
        ("delivered", "Delivered", "The car is back with its owner."),
        ("cancelled", "Cancelled", "The booking was cancelled."),
    ],
    "booked_service": [
        ("booked", "Booked", "Asked for at booking or recommended."),
        ("confirmed", "Confirmed", "Approved by the customer."),
        ("rejected", "Rejected", "Declined by the customer."),
    ],
    "payment": [
        ("pending", "Pending", "Waiting for payment."),
        ("paid", "Paid", "Payment received."),
        ("failed", "Failed", "The payment attempt failed."),
    ],
    "refund": [
        ("pending", "Pending", "Refund requested from the gateway."),
        ("processed", "Processed", "Refund completed."),
        ("failed", "Failed", "The gateway refused the refund."),
    ],
    "notification": [
        ("queued", "Queued", "Waiting to be sent."),
        ("sent", "Sent", "Delivered to the mail server."),
        ("failed", "Failed", "Could not be sent after retries."),
    ],
}

TIMESLOTS = [
    ("Morning", time(8), time(12), 8),
    ("Afternoon", time(13), time(16), 6),
    ("Evening", time(16), time(19), 6),
    ("Night", time(19), time(22), 4),
]

DEFAULT_GST_PERCENT = Decimal("18.00")


def seed(apps, schema_editor):
    Status = apps.get_model("garage", "Status")
    for kind, rows in STATUSES.items():
        for order, (code, name, description) in enumerate(rows):
            Status.objects.get_or_create(kind=kind, code=code,
                                         defaults={"name": name, "description": description, "sort_order": order})
    Timeslot = apps.get_model("garage", "Timeslot")
    for name, start, end, capacity in TIMESLOTS:
        Timeslot.objects.get_or_create(name=name, defaults={"start_time": start, "end_time": end,
                                                            "capacity": capacity})
    GstRate = apps.get_model("garage", "GstRate")
    if not GstRate.objects.exists():
        GstRate.objects.create(percent=DEFAULT_GST_PERCENT)


class Migration(migrations.Migration):
    dependencies = [("garage", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
