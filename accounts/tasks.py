from celery import shared_task

from accounts import services


@shared_task
def prune_revoked_tokens() -> int:
    """Daily: forget revocations of tokens that have expired anyway."""
    return services.revoked_tokens_prune()
