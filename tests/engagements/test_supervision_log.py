"""Supervision: a coach logs meetings (themes only), their supervisor confirms them, and
the admin reads coaching and supervision hours per coach over a period, as CSV too."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engagements import services
from sessions_grow import services as grow
from tests.conftest import client_for
from tests.pages.conftest import client_for as page_client

LAST_WEEK = timezone.localdate() - timedelta(days=7)


@pytest.fixture
def logged(bob):
    """bob (supervised by alice) logs a meeting."""
    return services.log_supervision(coach=bob.coach, held_on=LAST_WEEK, hours=Decimal("1.5"), topics="contracting", by=bob)


def test_a_logged_meeting_awaits_its_supervisors_confirmation(logged, alice):
    assert not logged.is_confirmed

    services.confirm_supervision(entry=logged, by=alice)

    logged.refresh_from_db()
    assert logged.is_confirmed


def test_only_the_supervisor_confirms(logged, bob, ada):
    for someone in (bob, ada):
        with pytest.raises(PermissionDenied):
            services.confirm_supervision(entry=logged, by=someone)


def test_a_confirmed_entry_is_the_supervisors_to_correct(logged, alice, bob):
    services.confirm_supervision(entry=logged, by=alice)

    with pytest.raises(services.RuleBroken) as refused:
        services.revise_supervision(entry=logged, hours=Decimal("3"), by=bob)
    services.revise_supervision(entry=logged, hours=Decimal("2"), by=alice)

    assert refused.value.detail == "your supervisor confirmed this entry: ask them to correct it"
    logged.refresh_from_db()
    assert logged.hours == Decimal("2")


def test_a_coach_without_a_supervisor_is_told_so(alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.log_supervision(coach=alice.coach, held_on=LAST_WEEK, hours=Decimal("1"), by=alice)

    assert refused.value.detail == "Alice Coach has no supervisor on the roster yet: ask the practice admin"


def test_a_meeting_in_the_future_is_not_logged(bob):
    with pytest.raises(ValidationError) as refused:
        services.log_supervision(coach=bob.coach, held_on=timezone.localdate() + timedelta(days=1), hours=Decimal("1"), by=bob)

    assert refused.value.message_dict == {"held_on": ["Log a supervision meeting once it has taken place."]}


def test_the_supervisor_confirms_on_the_coach_page(logged, alice, bob):
    as_alice = page_client(alice)

    page = as_alice.get(f"/roster/{bob.coach.public_id}/").content.decode()
    as_alice.post(f"/supervision/{logged.public_id}/confirm/")

    assert "Awaiting confirmation" in page and "Confirm" in page
    logged.refresh_from_db()
    assert logged.is_confirmed


def test_other_coaches_and_clients_never_see_the_log(logged, carol, active):
    assert client_for(carol).get("/api/v1/supervision-entries/").json()["count"] == 0
    assert client_for(carol).get(f"/api/v1/supervision-entries/{logged.public_id}/").status_code == 404


def test_the_admin_reads_hours_per_coach_for_a_period(logged, alice, bob, bobs, ada):
    services.confirm_supervision(entry=logged, by=alice)
    services.log_supervision(coach=bob.coach, held_on=LAST_WEEK, hours=Decimal("0.5"), by=bob)  # not confirmed yet
    session = grow.schedule_session(engagement=bobs, scheduled_at=timezone.now() - timedelta(days=3), by=bob)
    grow.hold_session(session=session, duration_minutes=90, by=bob)
    period = {"start": (LAST_WEEK - timedelta(days=1)).isoformat(), "end": timezone.localdate().isoformat()}

    page = page_client(ada).get("/roster/hours/", period)
    download = page_client(ada).get("/roster/hours/", period | {"format": "csv"})
    api = client_for(ada).get("/api/v1/reports/coach-hours/", period).json()

    rows = {row["coach"]: row for row in csv.DictReader(io.StringIO(download.content.decode()))}
    assert page.status_code == 200 and "Bob Coach" in page.content.decode()
    assert download["Content-Type"].startswith("text/csv")
    assert (rows["Bob Coach"]["coaching hours"], rows["Bob Coach"]["supervision hours (confirmed)"]) == ("1.50", "1.50")
    assert rows["Bob Coach"]["supervision hours (awaiting confirmation)"] == "0.50"
    assert {r["name"]: r["coaching_hours"] for r in api}["Bob Coach"] == "1.50"


def test_a_period_outside_the_hours_counts_none(logged, alice, ada):
    services.confirm_supervision(entry=logged, by=alice)

    rows = client_for(ada).get("/api/v1/reports/coach-hours/", {"start": "2020-01-01", "end": "2020-12-31"}).json()

    assert all(r["supervision_hours"] == "0.00" for r in rows)


def test_only_admins_read_the_hours_report(alice):
    assert page_client(alice).get("/roster/hours/").status_code == 403
    assert client_for(alice).get("/api/v1/reports/coach-hours/", {"start": "2026-01-01", "end": "2026-02-01"}).status_code == 403
