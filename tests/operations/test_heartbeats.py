"""The beat records its heartbeat when it starts and each time it enqueues the reminder scan;
a worker records its own each time it has run the scan. A real beat scheduler and a real
worker, on the real Redis broker; then time moves past two scan intervals and /health/ says so."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection

from coaching.celery import SCAN_TASK, app
from coaching.health import HeartbeatScheduler
from coaching.models import Heartbeat

pytestmark = pytest.mark.redis


def heartbeat(process: str) -> tuple[str, object]:
    beat = Heartbeat.objects.get(process=process)
    return beat.event, beat.seen_at


@pytest.fixture
def scans_run():
    """An event set once a worker has finished a reminder scan."""
    done = threading.Event()

    def on_postrun(sender=None, **kwargs) -> None:
        # The worker thread's connection would outlive the test and block dropping the test database.
        connection.close()
        if sender.name == SCAN_TASK:
            done.set()

    task_postrun.connect(on_postrun, weak=False)
    yield done
    task_postrun.disconnect(on_postrun)


@pytest.mark.django_db(transaction=True)
def test_beat_and_worker_record_heartbeats_and_health_turns_unhealthy_two_intervals_later(
    redis_broker, scans_run, tmp_path, client, time_machine
):
    beat = HeartbeatScheduler(app=app, schedule_filename=str(tmp_path / "celerybeat-schedule"))
    assert heartbeat("beat")[0] == "started"
    assert not Heartbeat.objects.filter(process="worker").exists()

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        beat.apply_entry(beat.schedule["purge-ended-engagements"])
        assert heartbeat("beat")[0] == "started"  # only the reminder scan counts
        beat.apply_entry(beat.schedule["scan-reminders"])
        assert heartbeat("beat")[0] == "scan enqueued"
        assert scans_run.wait(timeout=60), "no worker ran the scan within 60 s"

    event, ran_at = heartbeat("worker")
    assert event == "scan run"
    assert client.get("/health/").status_code == 200

    time_machine.move_to(ran_at + timedelta(seconds=2 * settings.REMINDER_SCAN_SECONDS + 5), tick=False)
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["beat", "worker"]
