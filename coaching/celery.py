"""The Celery app; its schedule is static, in code, for exactly one beat process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coaching.settings")

app = Celery("coaching")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def add_schedule(sender: Celery, **kwargs) -> None:
    """The beat schedule: the reminder scan every REMINDER_SCAN_SECONDS (docs/reminders.md).
    Read once Django's settings are (this module is imported while they load)."""
    from django.conf import settings

    sender.conf.beat_schedule["scan-reminders"] = {
        "task": "engagements.tasks.scan_reminders",
        "schedule": float(settings.REMINDER_SCAN_SECONDS),
        # A scan that waited longer than a period is stale: the next one does the same work.
        "options": {"expires": float(settings.REMINDER_SCAN_SECONDS)},
    }
    # Retention (docs/security.md): once a day; it purges nothing while TANDEM_RETENTION_MONTHS is 0.
    sender.conf.beat_schedule["purge-ended-engagements"] = {
        "task": "coaching.tasks.purge_ended_engagements",
        "schedule": 24 * 3600.0,
        "options": {"expires": 3600.0},
    }
