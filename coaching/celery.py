"""The Celery app; its schedule is static, in code, for exactly one beat process."""

import os

from celery import Celery
from celery.signals import setup_logging, task_success, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coaching.settings")

SCAN_TASK = "engagements.tasks.scan_reminders"

app = Celery("coaching")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def add_schedule(sender: Celery, **kwargs) -> None:
    """The beat schedule: the reminder scan every REMINDER_SCAN_SECONDS (docs/reminders.md).
    Read once Django's settings are (this module is imported while they load)."""
    from django.conf import settings

    every = float(settings.REMINDER_SCAN_SECONDS)
    sender.conf.beat_schedule["scan-reminders"] = {
        "task": SCAN_TASK,
        "schedule": every,
        # A scan that waited longer than a period is stale: the next one does the same work.
        "options": {"expires": every},
    }
    # Reminders that failed for good are reported to the admins, once each (docs/operations.md).
    sender.conf.beat_schedule["report-failed-reminders"] = {
        "task": "coaching.tasks.report_failed_reminders",
        "schedule": every,
        "options": {"expires": every},
    }
    # Retention (docs/security.md): once a day; it purges nothing while TANDEM_RETENTION_MONTHS is 0.
    sender.conf.beat_schedule["purge-ended-engagements"] = {
        "task": "coaching.tasks.purge_ended_engagements",
        "schedule": 24 * 3600.0,
        "options": {"expires": 3600.0},
    }
    # Expired API tokens no longer open anything; this removes their rows (coaching/tokens.py).
    sender.conf.beat_schedule["purge-expired-tokens"] = {
        "task": "coaching.tasks.purge_expired_tokens",
        "schedule": 24 * 3600.0,
        "options": {"expires": 3600.0},
    }


@setup_logging.connect
def keep_django_logging(**kwargs) -> None:
    """Leave logging to the settings' LOGGING, so the worker and the beat write the same
    lines as the web (JSON in production); a receiver here stops Celery installing its own."""


# The workers' heartbeats (coaching/health.py). engagements knows nothing of the project's
# glue, so the scan task does not record its own: the worker records it when the task succeeds.
@worker_ready.connect
def record_worker_started(**kwargs) -> None:
    """A worker came up: its first sign of life, before its first scan."""
    from coaching import health

    health.record_from_background("worker", event="started")


@task_success.connect
def record_scan_run(sender=None, **kwargs) -> None:
    """A worker finished a reminder scan: the workers are alive and scanning."""
    if sender is not None and sender.name == SCAN_TASK:
        from coaching import health

        health.record_from_background("worker", event="scan run")
