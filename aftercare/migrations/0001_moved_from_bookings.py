"""The aftercare models as they were in bookings, declared here in state only: the tables (db_table
bookings_...) and their rows stay where they are."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['deferreditem', 'deferredreminder']


def content_types_follow(apps, schema_editor):
    """The moved models' content types (and so their permissions and admin log entries) follow them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="bookings", model__in=MOVED).update(app_label="aftercare")


def content_types_follow_undo(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="aftercare", model__in=MOVED).update(app_label="bookings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('bookings', '0012_move_work_and_aftercare_out'),
        ('catalogue', '0003_review_deleted_by_customer_kept'),
        ('garage', '0005_status_rows_keyed_by_enums'),
        ('workshop', '0001_moved_from_bookings'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='DeferredItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('severity', models.CharField(choices=[('urgent', 'Urgent'), ('soon', 'Soon'), ('fine', 'Fine for now')], max_length=10)),
                    ('due_date', models.DateField()),
                    ('due_km', models.PositiveIntegerField(blank=True, null=True)),
                    ('status', models.CharField(choices=[('open', 'Open'), ('booked', 'Booked'), ('dismissed', 'Dismissed')], default='open', max_length=10)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('booked_in', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='bookings.booking')),
                    ('car', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deferred_items', to='garage.customercar')),
                    ('declined_line', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='deferred_item', to='bookings.bookedservice')),
                    ('finding', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshop.finding')),
                    ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.service')),
                ],
                options={
                    'db_table': 'bookings_deferreditem',
                    'ordering': ['due_date', 'id'],
                },
            ),
            migrations.CreateModel(
                name='DeferredReminder',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('window', models.CharField(choices=[('due-soon', 'Due within a week'), ('overdue', 'Overdue')], max_length=10)),
                    ('token', models.CharField(max_length=43, unique=True)),
                    ('sent_at', models.DateTimeField(auto_now_add=True)),
                    ('booking', models.ForeignKey(blank=True, help_text="The booking made from this reminder's link", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='bookings.booking')),
                    ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='aftercare.deferreditem')),
                ],
                options={
                    'db_table': 'bookings_deferredreminder',
                    'ordering': ['-sent_at', '-id'],
                },
            ),
            migrations.AddIndex(
                model_name='deferreditem',
                index=models.Index(fields=['status', 'due_date'], name='bookings_de_status_8c9ed7_idx'),
            ),
            migrations.AddConstraint(
                model_name='deferredreminder',
                constraint=models.UniqueConstraint(fields=('item', 'window'), name='one_reminder_per_item_window'),
            ),
        ]),
        migrations.RunPython(content_types_follow, content_types_follow_undo),
    ]
