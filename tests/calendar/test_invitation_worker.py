"""End to end: scheduling a session commits, then queues one task per participant on the
real Redis broker; a real Celery worker sends each invitation."""

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connection

from coaching.celery import app
from sessions_grow import services as grow
from sessions_grow import tasks
from tests.calendar.conftest import MONDAY, calendar_of

pytestmark = pytest.mark.redis


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_invitations_once_the_session_is_scheduled(redis_broker, monkeypatch, active, alice, carol):
    monkeypatch.delattr(tasks.send_session_invitation, "delay")  # the real one: through the broker
    done: list[int] = []
    all_sent = threading.Event()

    def on_postrun(sender=None, kwargs=None, **rest) -> None:
        # The worker thread's connection would outlive the test and block the test database's teardown.
        connection.close()
        if sender.name == tasks.send_session_invitation.name:
            done.append((kwargs or {}).get("recipient_id"))
            if len(done) == 2:
                all_sent.set()

    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            grow.schedule_session(engagement=active, scheduled_at=MONDAY, by=alice)
            assert all_sent.wait(timeout=60), "the worker did not send both invitations within 60 s"
    finally:
        task_postrun.disconnect(on_postrun)

    assert sorted(done) == sorted([alice.pk, carol.pk])
    assert sorted(m.to[0] for m in mail.outbox) == [alice.email, carol.email]
    assert all(calendar_of(m)["method"] == "REQUEST" for m in mail.outbox)
