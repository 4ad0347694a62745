from django.db import migrations

from garage.defaults import DEFAULT_GST_PERCENT, STATUSES, TIMESLOTS


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
