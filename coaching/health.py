"""Is Tandem working? Its database, its broker, and the two background processes that send
reminders: the beat (which enqueues the reminder scan) and the workers (which run it).

Each background process records a heartbeat (`coaching.Heartbeat`): the beat when it starts
and each time it enqueues the scan, a worker when it starts and each time it finishes a scan.
Either is stale once its last heartbeat is older than twice REMINDER_SCAN_SECONDS: a scan
was due in between and did not happen. docs/operations.md says what to do then.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.beat import PersistentScheduler
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from coaching.celery import SCAN_TASK, app
from coaching.models import Heartbeat

logger = logging.getLogger(__name__)

PARTS = ("database", "broker", "beat", "worker")
# A health check answers within seconds, even when the broker's host does not answer at all.
BROKER_TIMEOUT_SECONDS = 3


@dataclass(frozen=True)
class Check:
    """One part's state: healthy or not, and a line saying why (never any practice data)."""

    ok: bool
    detail: str


# ---------------------------------------------------------------------------
# Heartbeats
# ---------------------------------------------------------------------------


def record_heartbeat(process: str, *, event: str, at: datetime | None = None) -> None:
    """Record a process's latest sign of life (one upsert; one row per process)."""
    beat = Heartbeat(process=process, event=event, seen_at=at or timezone.now())
    Heartbeat.objects.bulk_create(
        [beat], update_conflicts=True, unique_fields=["process"], update_fields=["seen_at", "event"]
    )


def record_from_background(process: str, *, event: str) -> None:
    """Record a heartbeat from the beat or a worker: a database hiccup is logged, never raised
    (it must not stop the process), and the connection is closed, since no request cycle
    would ever recycle it in these long-lived processes."""
    try:
        record_heartbeat(process, event=event)
    except DatabaseError:
        logger.exception("could not record the %s heartbeat", process)
    finally:
        connection.close()


class HeartbeatScheduler(PersistentScheduler):
    """Celery beat's file-backed scheduler, recording the beat's heartbeat when it starts and
    each time it enqueues the reminder scan (settings.CELERY_BEAT_SCHEDULER names it)."""

    def setup_schedule(self) -> None:
        super().setup_schedule()
        record_from_background(Heartbeat.Process.BEAT, event="started")

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        result = super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        # Only once the broker took the message: a scan that could not be enqueued is no sign of life.
        if entry.task == SCAN_TASK:
            record_from_background(Heartbeat.Process.BEAT, event="scan enqueued")
        return result


def stale_after() -> timedelta:
    """How old a heartbeat may be: two scan intervals, so one late or expired scan is tolerated."""
    return timedelta(seconds=2 * settings.REMINDER_SCAN_SECONDS)


def check_heartbeats(*, now: datetime | None = None) -> dict[str, Check]:
    """The beat's and the workers' state, read from their last heartbeats."""
    now, limit = now or timezone.now(), stale_after()
    try:
        seen = {beat.process: beat for beat in Heartbeat.objects.all()}
    except DatabaseError as error:  # e.g. an old release serving while the new one migrates
        return dict.fromkeys(Heartbeat.Process.values, Check(False, _("unknown (%(error)s)") % {"error": type(error).__name__}))
    checks = {}
    for process in Heartbeat.Process:
        beat = seen.get(process)
        if beat is None:
            checks[process.value] = Check(False, _("no heartbeat recorded yet: has it ever started?"))
            continue
        late = now - beat.seen_at > limit
        checks[process.value] = Check(not late, _heartbeat_detail(beat, now=now, limit=limit, late=late))
    return checks


def _heartbeat_detail(beat: Heartbeat, *, now: datetime, limit: timedelta, late: bool) -> str:
    """How long ago a process was last seen, and whether that is too long (the admins read it on the dashboard)."""
    figures = {"event": beat.event, "age": int((now - beat.seen_at).total_seconds()), "limit": int(limit.total_seconds())}
    if late:
        return _("last heartbeat (%(event)s) %(age)s s ago: older than twice the scan interval (%(limit)s s)") % figures
    return _("last heartbeat (%(event)s) %(age)s s ago") % figures


# ---------------------------------------------------------------------------
# The database and the broker
# ---------------------------------------------------------------------------


def check_database() -> Check:
    """Whether the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return Check(False, f"unreachable ({type(error).__name__})")
    return Check(True, "reachable")


def check_broker() -> Check:
    """Whether the Celery broker accepts a connection, within BROKER_TIMEOUT_SECONDS."""
    try:
        with app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)  # 0: no retry
    except Exception as error:  # every transport raises its own errors (socket, redis, sqlalchemy…)
        return Check(False, f"unreachable ({type(error).__name__})")
    return Check(True, "reachable")


def parts_named(raw: str) -> tuple[str, ...]:
    """The parts a comma-separated list names (all of PARTS when empty); ValueError for an unknown one."""
    parts = tuple(part.strip() for part in raw.split(",") if part.strip()) or PARTS
    if unknown := sorted(set(parts) - set(PARTS)):
        raise ValueError(f"unknown parts {unknown}; known: {list(PARTS)}")
    return parts


def check(parts: tuple[str, ...] = PARTS, *, now: datetime | None = None) -> dict[str, Check]:
    """The state of each named part (all of PARTS by default), in PARTS' order."""
    checks: dict[str, Check] = {}
    if "database" in parts or {"beat", "worker"} & set(parts):
        checks["database"] = check_database()
    if "broker" in parts:
        checks["broker"] = check_broker()
    if {"beat", "worker"} & set(parts):
        unknown = Check(False, "unknown: the database is unreachable")
        checks |= check_heartbeats(now=now) if checks["database"].ok else dict.fromkeys(Heartbeat.Process.values, unknown)
    return {part: checks[part] for part in PARTS if part in parts}


def report(checks: dict[str, Check]) -> dict:
    """A health answer as JSON: the overall status, the failing parts, and each part's detail."""
    failing = [part for part, result in checks.items() if not result.ok]
    return {
        "status": "unhealthy" if failing else "ok",
        "failing": failing,
        "checks": {part: {"ok": result.ok, "detail": result.detail} for part, result in checks.items()},
    }
