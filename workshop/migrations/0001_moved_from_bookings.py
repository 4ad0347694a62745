"""The workshop models as they were in bookings, declared here in state only: the tables (db_table
bookings_...) and their rows stay where they are."""

import django.db.models.deletion
import revcare.uploads
from django.conf import settings
from django.db import migrations, models


MOVED = ['assignmenttype', 'assignment', 'analysis', 'analysisimage', 'finding', 'findingimage', 'progress', 'progressimage', 'custodyrecord', 'custodyphoto']


def content_types_follow(apps, schema_editor):
    """The moved models' content types (and so their permissions and admin log entries) follow them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="bookings", model__in=MOVED).update(app_label="workshop")


def content_types_follow_undo(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="workshop", model__in=MOVED).update(app_label="bookings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('bookings', '0012_move_work_and_aftercare_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='AssignmentType',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('pickup', 'Pickup'), ('analysis', 'Analysis'), ('service', 'Service'), ('drop', 'Drop')], editable=False, max_length=10, unique=True)),
                    ('name', models.CharField(max_length=60)),
                    ('description', models.CharField(blank=True, max_length=200)),
                ],
                options={
                    'db_table': 'bookings_assignmenttype',
                    'ordering': ['id'],
                },
            ),
            migrations.CreateModel(
                name='Analysis',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('edited_at', models.DateTimeField(blank=True, null=True)),
                    ('validated_at', models.DateTimeField(blank=True, null=True)),
                    ('description', models.TextField()),
                    ('recommendation', models.TextField(blank=True)),
                    ('submitted_at', models.DateTimeField(auto_now_add=True)),
                    ('booking', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='analysis', to='bookings.booking')),
                    ('edited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('mechanic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('validated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name_plural': 'analyses',
                    'db_table': 'bookings_analysis',
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='AnalysisImage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('image', models.ImageField(upload_to=revcare.uploads.UnguessableName('analysis'))),
                    ('analysis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='workshop.analysis')),
                ],
                options={
                    'db_table': 'bookings_analysisimage',
                },
            ),
            migrations.CreateModel(
                name='Assignment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('assigned_at', models.DateTimeField(auto_now_add=True)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('booking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='bookings.booking')),
                    ('mechanic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to=settings.AUTH_USER_MODEL)),
                    ('assignment_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='workshop.assignmenttype')),
                ],
                options={
                    'db_table': 'bookings_assignment',
                    'ordering': ['assigned_at', 'id'],
                },
            ),
            migrations.AddField(
                model_name='analysis',
                name='assignment',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='workshop.assignment'),
            ),
            migrations.CreateModel(
                name='CustodyRecord',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('stage', models.CharField(choices=[('pickup', 'Pickup'), ('drop', 'Drop')], max_length=10)),
                    ('odometer_km', models.PositiveIntegerField()),
                    ('fuel_level', models.CharField(choices=[('empty', 'Reserve'), ('quarter', '¼'), ('half', '½'), ('three-quarters', '¾'), ('full', 'Full')], max_length=20)),
                    ('notes', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField()),
                    ('code_digest', models.CharField(help_text='HMAC of the one-time code; the code is never stored', max_length=64)),
                    ('code_sent_at', models.DateTimeField()),
                    ('code_attempts', models.PositiveSmallIntegerField(default=0)),
                    ('handed_over_at', models.DateTimeField(blank=True, null=True)),
                    ('disputed_at', models.DateTimeField(blank=True, null=True)),
                    ('dispute_note', models.TextField(blank=True)),
                    ('booking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='custody_records', to='bookings.booking')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'bookings_custodyrecord',
                    'ordering': ['recorded_at', 'id'],
                },
            ),
            migrations.CreateModel(
                name='CustodyPhoto',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('image', models.ImageField(upload_to=revcare.uploads.UnguessableName('custody'))),
                    ('record', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='workshop.custodyrecord')),
                ],
                options={
                    'db_table': 'bookings_custodyphoto',
                },
            ),
            migrations.CreateModel(
                name='Finding',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('severity', models.CharField(choices=[('urgent', 'Urgent'), ('soon', 'Soon'), ('fine', 'Fine for now')], max_length=10)),
                    ('note', models.TextField()),
                    ('due_km', models.PositiveIntegerField(blank=True, help_text='Odometer reading by which the fix is due, if the mechanic sets one', null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('analysis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='workshop.analysis')),
                    ('line', models.ForeignKey(blank=True, help_text='The quoted service that fixes it', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='findings', to='bookings.bookedservice')),
                ],
                options={
                    'db_table': 'bookings_finding',
                    'ordering': ['id'],
                },
            ),
            migrations.CreateModel(
                name='FindingImage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('image', models.ImageField(upload_to=revcare.uploads.UnguessableName('findings'))),
                    ('finding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='workshop.finding')),
                ],
                options={
                    'db_table': 'bookings_findingimage',
                },
            ),
            migrations.CreateModel(
                name='Progress',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('edited_at', models.DateTimeField(blank=True, null=True)),
                    ('validated_at', models.DateTimeField(blank=True, null=True)),
                    ('status', models.CharField(choices=[('booked', 'Booked'), ('pickup', 'Pickup'), ('received', 'Received'), ('analysis', 'Analysis'), ('analysed', 'Analysed'), ('in-progress', 'In Progress'), ('completed', 'Completed'), ('out-for-delivery', 'Out For Delivery'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], help_text='What the mechanic reports: received, in-progress or delivered', max_length=20)),
                    ('notes', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='progress_entries', to='workshop.assignment')),
                    ('booking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_entries', to='bookings.booking')),
                    ('completed_services', models.ManyToManyField(blank=True, related_name='+', to='bookings.bookedservice')),
                    ('edited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('mechanic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('validated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name_plural': 'progress entries',
                    'db_table': 'bookings_progress',
                    'ordering': ['created_at', 'id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ProgressImage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('image', models.ImageField(upload_to=revcare.uploads.UnguessableName('progress'))),
                    ('progress', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='workshop.progress')),
                ],
                options={
                    'db_table': 'bookings_progressimage',
                },
            ),
            migrations.AddIndex(
                model_name='analysis',
                index=models.Index(condition=models.Q(('validated_at__isnull', True)), fields=['booking'], name='analysis_unvalidated_idx'),
            ),
            migrations.AddIndex(
                model_name='assignment',
                index=models.Index(fields=['mechanic', 'closed_at'], name='bookings_as_mechani_496c54_idx'),
            ),
            migrations.AddIndex(
                model_name='assignment',
                index=models.Index(condition=models.Q(('closed_at__isnull', True)), fields=['booking'], name='assignment_open_idx'),
            ),
            migrations.AddConstraint(
                model_name='custodyrecord',
                constraint=models.UniqueConstraint(fields=('booking', 'stage'), name='one_custody_record_per_stage'),
            ),
            migrations.AddIndex(
                model_name='progress',
                index=models.Index(condition=models.Q(('validated_at__isnull', True)), fields=['booking'], name='progress_unvalidated_idx'),
            ),
        ]),
        migrations.RunPython(content_types_follow, content_types_follow_undo),
    ]
