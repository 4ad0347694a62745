from django.db import migrations

from accounts.scopes import seed_roles_and_scopes


def seed(apps, schema_editor):
    seed_roles_and_scopes(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Scope"),
                          apps.get_model("accounts", "RoleScope"))
    PublicIdCounter = apps.get_model("accounts", "PublicIdCounter")
    for prefix in ("ADM", "MEC", "CST"):
        PublicIdCounter.objects.get_or_create(prefix=prefix)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
