from celery import shared_task
from django.conf import settings

from garage import backups


@shared_task
def backup_create() -> str:
    """A backup asked for through the API."""
    return backups.backup_create().name


@shared_task
def backup_daily() -> list[str]:
    """Beat, nightly: a backup, then only the newest BACKUP_KEEP are kept."""
    backups.backup_create()
    return backups.backups_prune(keep=settings.BACKUP_KEEP)
