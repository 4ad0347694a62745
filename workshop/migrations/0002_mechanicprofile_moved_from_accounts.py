"""MechanicProfile, as it was in accounts, declared here in state only: its tables (accounts_mechanicprofile
and the categories' accounts_mechanicprofile_categories) and their rows stay where they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    """The profile's content type (and so its permissions and admin log entries) follows the model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model="mechanicprofile").update(app_label="workshop")


def content_types_follow_undo(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="workshop", model="mechanicprofile").update(app_label="accounts")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0005_mechanicprofile_moved_to_workshop'),
        ('catalogue', '0003_review_deleted_by_customer_kept'),
        ('workshop', '0001_moved_from_bookings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='MechanicProfile',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('date_of_birth', models.DateField(blank=True, null=True)),
                    ('can_pickup_drop', models.BooleanField(default=False)),
                    ('can_analyse', models.BooleanField(default=False)),
                    ('score', models.PositiveIntegerField(default=0)),
                    ('categories', models.ManyToManyField(blank=True, db_table='accounts_mechanicprofile_categories', help_text='Service categories the mechanic works on', related_name='mechanics', to='catalogue.category')),
                    ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='mechanic_profile', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'accounts_mechanicprofile',
                },
            ),
        ]),
        migrations.RunPython(content_types_follow, content_types_follow_undo),
    ]
