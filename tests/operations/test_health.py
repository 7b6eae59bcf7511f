"""/health/ answers for the database, the broker, the beat and the workers: 200 when every
part is healthy, 503 with a JSON body naming the part that is not. The beat and the workers
are judged by their heartbeats, stale after twice REMINDER_SCAN_SECONDS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from coaching.celery import app
from coaching.health import record_heartbeat

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
INTERVAL = 300


@pytest.fixture
def clock(time_machine, settings):
    settings.REMINDER_SCAN_SECONDS = INTERVAL
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def alive(db, clock):
    """The beat enqueued a scan and a worker ran it, just now."""
    record_heartbeat("beat", event="scan enqueued")
    record_heartbeat("worker", event="scan run")


def after(seconds: int) -> datetime:
    return START + timedelta(seconds=seconds)


def test_every_part_healthy_answers_200(client, alive):
    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failing"] == []
    assert list(body["checks"]) == ["database", "broker", "beat", "worker"]
    assert all(part["ok"] for part in body["checks"].values())


def test_two_scan_intervals_without_a_heartbeat_turn_health_unhealthy(client, alive, clock):
    clock.move_to(after(2 * INTERVAL + 1), tick=False)

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy" and body["failing"] == ["beat", "worker"]
    assert body["checks"]["beat"]["detail"] == (
        "last heartbeat (scan enqueued) 601 s ago: older than twice the scan interval (600 s)"
    )
    assert body["checks"]["database"]["ok"] and body["checks"]["broker"]["ok"]


def test_one_late_scan_is_tolerated(client, alive, clock):
    clock.move_to(after(2 * INTERVAL), tick=False)

    response = client.get("/health/")

    assert response.status_code == 200


def test_a_worker_that_stopped_scanning_is_named_alone(client, alive, clock):
    clock.move_to(after(2 * INTERVAL + 1), tick=False)
    record_heartbeat("beat", event="scan enqueued")

    body = client.get("/health/").json()

    assert body["failing"] == ["worker"]
    assert body["checks"]["beat"]["detail"] == "last heartbeat (scan enqueued) 0 s ago"


def test_processes_never_seen_are_unhealthy(client, db):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["beat", "worker"]
    assert "no heartbeat recorded yet" in response.json()["checks"]["worker"]["detail"]


def test_an_unreachable_broker_is_named(client, alive, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens on port 1

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
    assert response.json()["checks"]["broker"]["detail"].startswith("unreachable (")


def test_only_the_named_parts_are_checked(client, db):
    response = client.get("/health/?only=database")

    assert response.status_code == 200
    assert list(response.json()["checks"]) == ["database"]


def test_an_unknown_part_is_refused(client, db):
    response = client.get("/health/?only=database,disk")

    assert response.status_code == 400
    assert "disk" in response.json()["detail"]


def test_the_command_exits_non_zero_naming_a_stale_beat(alive, clock, capsys):
    call_command("health", "--only", "beat")
    assert '"status": "ok"' in capsys.readouterr().out
    clock.move_to(after(2 * INTERVAL + 1), tick=False)

    with pytest.raises(CommandError, match="unhealthy: beat") as refused:
        call_command("health", "--only", "beat")

    assert refused.value.returncode == 1
