from django.db import migrations

# The rows as first seeded (code, name, needs pickup/drop, needs analysis); frozen here because the
# model has since moved to fixed kinds (0010).
ASSIGNMENT_TYPES = [
    ("pickup", "Pickup", True, False),
    ("analysis", "Analysis", False, True),
    ("service", "Service", False, False),
    ("drop", "Drop", True, False),
]


def seed(apps, schema_editor):
    AssignmentType = apps.get_model("bookings", "AssignmentType")
    for code, name, needs_pickup_drop, needs_analysis in ASSIGNMENT_TYPES:
        AssignmentType.objects.get_or_create(code=code, defaults={
            "name": name, "needs_pickup_drop": needs_pickup_drop, "needs_analysis": needs_analysis})


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
