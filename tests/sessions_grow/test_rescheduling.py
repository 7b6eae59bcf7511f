"""A scheduled session moves to another time, with a reason kept in the history; its coach
and each coachee are emailed the new time in their own time zone, never the reason (the
invitations themselves: tests/calendar/test_invitations.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from engagements.models import EngagementEvent
from sessions_grow import services as grow
from tests.conftest import client_for
from tests.pages.conftest import client_for as page_client

NEW_TIME = datetime(2026, 12, 14, 9, 30, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def scheduled(active, alice, soon):
    return grow.schedule_session(engagement=active, scheduled_at=soon, by=alice)


def test_a_moved_session_keeps_its_reason_and_tells_the_coachee(scheduled, alice, carol, django_capture_on_commit_callbacks):
    carol.time_zone = "Europe/Paris"
    carol.save()

    with django_capture_on_commit_callbacks(execute=True):
        grow.reschedule_session(session=scheduled, scheduled_at=NEW_TIME, reason="Carol travels that week", by=alice)

    scheduled.refresh_from_db()
    assert scheduled.scheduled_at == NEW_TIME
    assert EngagementEvent.objects.get(action="session.rescheduled").reason == "Carol travels that week"
    (email,) = [m for m in mail.outbox if m.to == [carol.email]]
    assert "Monday 14 December 2026 at 10:30 (Paris time)" in email.body
    assert "travels" not in email.body
    assert sorted(m.to[0] for m in mail.outbox) == [alice.email, carol.email]


def test_a_reason_is_required(scheduled, alice):
    with pytest.raises(ValidationError) as refused:
        grow.reschedule_session(session=scheduled, scheduled_at=NEW_TIME, reason="  ", by=alice)

    assert "reason" in refused.value.message_dict


def test_a_held_session_does_not_move(held, alice):
    with pytest.raises(grow.RuleBroken) as refused:
        grow.reschedule_session(session=held, scheduled_at=NEW_TIME, reason="Late", by=alice)

    assert refused.value.detail == "session 1 is held: only a scheduled session moves"


def test_the_page_moves_it_in_place(scheduled, alice):
    response = page_client(alice).post(
        f"/sessions/{scheduled.public_id}/reschedule/",
        {"scheduled_at": "2026-12-14T09:30", "reason": "Client asked"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200 and "Moved; the client is told." in response.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.scheduled_at.date().isoformat() == "2026-12-14"


def test_the_api_moves_it_and_answers_the_new_time(scheduled, alice):
    response = client_for(alice).post(
        f"/api/v1/sessions/{scheduled.public_id}/reschedule/", {"scheduled_at": (NEW_TIME + timedelta(hours=1)).isoformat(), "reason": "Room taken"}, format="json"
    )

    assert response.status_code == 200 and response.json()["scheduled_at"].startswith("2026-12-14T10:30")
