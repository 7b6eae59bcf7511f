"""Scheduled work that spans the apps."""

from celery import shared_task

from coaching import privacy


@shared_task(acks_late=True)
def purge_ended_engagements() -> int:
    """Purge engagements past the retention period (idempotent: a re-run finds none)."""
    return privacy.purge_ended_engagements()
