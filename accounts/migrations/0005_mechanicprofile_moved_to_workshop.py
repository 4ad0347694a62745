"""MechanicProfile leaves accounts' state for the workshop app (issue 16: accounts sits below catalogue, and a
profile's categories are catalogue's). State only: the tables accounts_mechanicprofile and
accounts_mechanicprofile_categories keep their names and rows; workshop's 0002 declares them with db_table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_user_auth_epoch'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(name='MechanicProfile'),
        ]),
    ]
