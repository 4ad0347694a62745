"""The kind becomes a fixed choice that forms never edit; the qualification flags follow from the kind
(`AssignmentType.needs_pickup_drop` / `needs_analysis`) instead of being stored. Separate from 0010 so
that PostgreSQL alters the table in a transaction without 0010's pending row changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("bookings", "0010_assignment_kinds")]

    operations = [
        migrations.AlterField(
            "assignmenttype", "kind",
            models.CharField(choices=[("pickup", "Pickup"), ("analysis", "Analysis"), ("service", "Service"),
                                      ("drop", "Drop")], editable=False, max_length=10, unique=True)),
        migrations.RemoveField("assignmenttype", "needs_pickup_drop"),
        migrations.RemoveField("assignmenttype", "needs_analysis"),
    ]
