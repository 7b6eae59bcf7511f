"""GROW sessions are numbered 1, 2, 3…, scheduled only while the engagement is active,
never before it opened."""

from datetime import datetime, timedelta, timezone

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements.models import Engagement
from sessions_grow import services
from sessions_grow.models import CoachingSession
from tests.conftest import OPENED_ON, engagement_in

State = Engagement.State
FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)


def schedule(engagement, coach, days=0):
    return services.schedule_session(engagement=engagement, scheduled_at=FIRST_MEETING + timedelta(days=days), by=coach)


def test_sessions_are_numbered_one_two_three(active, alice):
    sessions = [schedule(active, alice, days=14 * n) for n in range(3)]

    assert [s.number for s in sessions] == [1, 2, 3]
    assert [e.subject for e in active.events.filter(action="session.scheduled")] == [
        "session 1",
        "session 2",
        "session 3",
    ]


def test_a_called_off_session_keeps_its_number(active, alice):
    first = schedule(active, alice)
    services.call_off_session(session=first, by=alice, reason="Client ill")

    second = schedule(active, alice, days=7)

    assert second.number == 2


def test_numbers_are_counted_per_engagement(active, bobs, alice, bob):
    schedule(active, alice)

    bobs_first = schedule(bobs, bob)

    assert bobs_first.number == 1


@pytest.mark.parametrize(
    "state", [State.EXPLORATORY, State.PAUSED, State.ASSESSMENT, State.CLOSED, State.DECLINED, State.CANCELLED]
)
def test_sessions_are_scheduled_only_while_active(alice, carol, state):
    engagement = engagement_in(state, alice, carol)

    with pytest.raises(services.RuleBroken) as refused:
        schedule(engagement, alice)

    assert refused.value.code == "wrong_state"
    assert not CoachingSession.objects.exists()


def test_session_dated_before_the_engagement_opened_is_refused(active, alice):
    day_before = datetime.combine(OPENED_ON - timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)

    with pytest.raises(ValidationError) as refused:
        services.schedule_session(engagement=active, scheduled_at=day_before, by=alice)

    assert "scheduled_at" in refused.value.message_dict
    assert not CoachingSession.objects.exists()


def test_session_on_the_opening_day_is_accepted(active, alice):
    opening_morning = datetime.combine(OPENED_ON, datetime.min.time(), tzinfo=timezone.utc)

    session = services.schedule_session(engagement=active, scheduled_at=opening_morning, by=alice)

    assert session.number == 1


def test_co_coach_schedules_a_session(co_coached, bob):
    session = schedule(co_coached, bob)

    assert session.number == 1


@pytest.mark.parametrize("person", ["ada", "bob", "carol", "eve"])
def test_only_the_coach_schedules(active, request, person):
    with pytest.raises(PermissionDenied):
        schedule(active, request.getfixturevalue(person))
