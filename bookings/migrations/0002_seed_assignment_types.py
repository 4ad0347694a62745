from django.db import migrations

from workshop.defaults import ASSIGNMENT_TYPES


def seed(apps, schema_editor):
    AssignmentType = apps.get_model("bookings", "AssignmentType")
    for code, name, needs_pickup_drop, needs_analysis in ASSIGNMENT_TYPES:
        AssignmentType.objects.get_or_create(code=code, defaults={
            "name": name, "needs_pickup_drop": needs_pickup_drop, "needs_analysis": needs_analysis})


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
