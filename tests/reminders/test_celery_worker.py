"""End to end: a real Celery worker, on the real Redis broker, runs the scan task, which
enqueues the send task after its claim commits; the reminder email goes out."""

import threading
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection
from django.utils import timezone

from coaching.celery import app
from engagements import tasks
from engagements.models import Reminder, User
from tests.reminders.conftest import add_action, emails_to

pytestmark = pytest.mark.redis


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_a_reminder_end_to_end(redis_broker, active, alice, carol):
    # Real time here (the worker's own timers need it): carol is reminded at once, whatever the hour.
    User.objects.filter(pk=carol.pk).update(reminder_mode=User.ReminderMode.IMMEDIATE)
    add_action(active, alice, title="Hand over the sales section", owner=carol, due_on=timezone.localdate() + timedelta(days=1))
    sent = threading.Event()

    def on_postrun(sender=None, kwargs=None, **rest) -> None:
        # The worker thread's own connection would outlive the test and block the
        # teardown of the test database: close it after every task.
        connection.close()
        if sender.name == tasks.send_reminders.name and (kwargs or {}).get("recipient_id") == carol.pk:
            sent.set()

    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            tasks.scan_reminders.delay()
            assert sent.wait(timeout=60), "the worker did not send carol's reminder within 60 s"
    finally:
        task_postrun.disconnect(on_postrun)

    (email,) = emails_to(carol)
    assert email.subject.startswith("Tandem: Hand over the sales section — due tomorrow")
    assert Reminder.objects.get(recipient=carol).status == "sent"
