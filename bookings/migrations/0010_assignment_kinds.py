"""Assignment types become the four fixed kinds: `code` is renamed `kind`, and every row is mapped to
a kind before 0011 makes the column a fixed choice.

Staff could edit codes until now, so a row's code may no longer be a kind. Mapping, defensively:
1. a row whose code is a kind keeps it;
2. otherwise its name (slugified) is tried, then the id the seed gave that kind on an empty table
   (0002: 1 pickup, 2 analysis, 3 service, 4 drop), each only when the kind is still free and the row's
   qualification flags agree with it;
3. a row still unmapped with no assignments is an extra type nothing ever acted on: it is deleted;
   one with assignments stops the migration with a message naming it (no history is guessed at);
4. a kind left without a row is created with its default label.
"""

from django.db import migrations, models
from django.utils.text import slugify

# kind: (default label, needs pickup/drop, needs analysis), as in the code at the time of this migration.
KINDS = {
    "pickup": ("Pickup", True, False),
    "analysis": ("Analysis", False, True),
    "service": ("Service", False, False),
    "drop": ("Drop", True, False),
}
SEEDED_IDS = {1: "pickup", 2: "analysis", 3: "service", 4: "drop"}


def _fits(row, kind: str) -> bool:
    _, needs_pickup_drop, needs_analysis = KINDS[kind]
    return (row.needs_pickup_drop, row.needs_analysis) == (needs_pickup_drop, needs_analysis)


def map_rows_to_kinds(apps, schema_editor):
    AssignmentType = apps.get_model("bookings", "AssignmentType")
    Assignment = apps.get_model("bookings", "Assignment")
    rows = list(AssignmentType.objects.order_by("id"))
    taken = {row.kind for row in rows if row.kind in KINDS}
    unmapped = [row for row in rows if row.kind not in KINDS]
    for guess in (lambda row: slugify(row.name), lambda row: SEEDED_IDS.get(row.pk)):
        for row in list(unmapped):
            kind = guess(row)
            if kind in KINDS and kind not in taken and _fits(row, kind):
                row.kind = kind
                row.save(update_fields=["kind"])
                taken.add(kind)
                unmapped.remove(row)
    used = [row for row in unmapped if Assignment.objects.filter(assignment_type_id=row.pk).exists()]
    if used:
        names = ", ".join(f"{row.kind!r} ({row.name}, id {row.pk})" for row in used)
        raise RuntimeError(
            f"Assignment types {names} have assignments but match none of the fixed kinds "
            f"({', '.join(KINDS)}). Set each one's code to the kind it stands for, or move its assignments "
            "to one of the four, then migrate again.")
    AssignmentType.objects.filter(pk__in=[row.pk for row in unmapped]).delete()
    for kind, (label, needs_pickup_drop, needs_analysis) in KINDS.items():
        if kind not in taken:
            AssignmentType.objects.create(kind=kind, name=label, needs_pickup_drop=needs_pickup_drop,
                                          needs_analysis=needs_analysis)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0009_booking_address_snapshots")]

    operations = [
        migrations.RenameField("assignmenttype", "code", "kind"),
        migrations.AddField("assignmenttype", "description",
                            models.CharField(blank=True, max_length=200)),
        migrations.RunPython(map_rows_to_kinds, migrations.RunPython.noop),
    ]
