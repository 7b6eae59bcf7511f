"""A held session records its four GROW stages and a duration that counts as hours
used; cancelled and no-show sessions count for nothing."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagements.models import Engagement, EngagementEvent
from engagements.services import transition_engagement
from sessions_grow import services
from sessions_grow.models import CoachingSession
from tests.conftest import OPENED_ON

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)
GROW = {
    "goal_review": "Two of three actions done.",
    "goal_today": "Prepare the budget meeting.",
    "reality_questions": "What do you fear will happen?",
    "reality_insights": "She over-prepares to avoid questions.",
    "options_explored": "Role play; the five whys.",
    "options_strategies": "Send the figures a day early.",
    "commitment": 8,
    "summary": "We prepared the budget meeting.",
}


def schedule(engagement, coach, days=0):
    return services.schedule_session(engagement=engagement, scheduled_at=FIRST_MEETING + timedelta(days=days), by=coach)


def hold(session, coach, minutes=60, **grow):
    return services.hold_session(
        session=session, duration_minutes=minutes, held_at=session.scheduled_at, by=coach, **grow
    )


def test_holding_records_the_four_stages_and_duration(active, alice):
    session = schedule(active, alice)

    hold(session, alice, minutes=75, share_summary=True, **GROW)

    session.refresh_from_db()
    assert {field: getattr(session, field) for field in GROW} == GROW
    assert (session.status, session.duration_minutes, session.held_at) == ("held", 75, FIRST_MEETING)
    assert session.summary_shared
    event = active.events.last()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "session.held", alice, "scheduled", "held"
    )


def test_hours_used_count_held_sessions_against_planned_hours(active, alice):
    hold(schedule(active, alice), alice, minutes=90)
    hold(schedule(active, alice, days=14), alice, minutes=60)

    active.refresh_from_db()
    assert (active.planned_hours, active.hours_used, active.hours_remaining) == (
        Decimal("12"), Decimal("2.50"), Decimal("9.50")
    )


def test_cancelled_and_no_show_sessions_do_not_count(active, alice):
    hold(schedule(active, alice), alice, minutes=60)
    services.call_off_session(session=schedule(active, alice, days=7), by=alice, reason="Client ill")
    services.call_off_session(session=schedule(active, alice, days=14), by=alice, reason="Did not come", no_show=True)
    schedule(active, alice, days=21)

    assert active.hours_used == Decimal("1.00")
    assert active.coach.hours_logged == Decimal("1.00")


def test_coach_hours_logged_add_up_held_sessions_of_their_engagements_only(active, bobs, alice, bob):
    hold(schedule(active, alice), alice, minutes=45)
    hold(schedule(active, alice, days=7), alice, minutes=45)
    hold(schedule(bobs, bob), bob, minutes=120)

    assert (alice.coach.hours_logged, bob.coach.hours_logged) == (Decimal("1.50"), Decimal("2.00"))


def test_coach_without_held_sessions_has_logged_nothing(active, alice):
    schedule(active, alice)

    assert alice.coach.hours_logged == Decimal("0.00")


@pytest.mark.parametrize("no_show", [False, True])
def test_a_held_session_cannot_be_called_off(active, alice, no_show):
    session = hold(schedule(active, alice), alice)
    events_before = EngagementEvent.objects.count()

    with pytest.raises(services.RuleBroken) as refused:
        services.call_off_session(session=session, by=alice, reason="Client ill", no_show=no_show)

    assert refused.value.code == "session_transition_not_allowed"
    assert "a held session cannot become" in refused.value.detail
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.HELD
    assert EngagementEvent.objects.count() == events_before


def test_a_session_is_held_only_once(active, alice):
    session = hold(schedule(active, alice), alice)

    with pytest.raises(services.RuleBroken) as refused:
        hold(session, alice, minutes=30)

    assert refused.value.code == "session_transition_not_allowed"
    session.refresh_from_db()
    assert session.duration_minutes == 60


@pytest.mark.parametrize("no_show", [False, True])
def test_a_called_off_session_cannot_be_held(active, alice, no_show):
    session = services.call_off_session(session=schedule(active, alice), by=alice, reason="Client ill", no_show=no_show)

    with pytest.raises(services.RuleBroken):
        hold(session, alice)


def test_a_session_is_not_held_while_the_engagement_is_paused(active, alice):
    session = schedule(active, alice)
    transition_engagement(engagement=active, to=Engagement.State.PAUSED, by=alice)

    with pytest.raises(services.RuleBroken) as refused:
        hold(session, alice)

    assert refused.value.code == "wrong_state"


def test_a_session_held_before_the_engagement_opened_is_refused(active, alice):
    session = schedule(active, alice)
    before = datetime.combine(OPENED_ON - timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)

    with pytest.raises(ValidationError):
        services.hold_session(session=session, duration_minutes=60, held_at=before, by=alice)

    session.refresh_from_db()
    assert session.status == CoachingSession.Status.SCHEDULED


@pytest.mark.parametrize("minutes", [0, 601])
def test_a_held_session_needs_a_plausible_duration(active, alice, minutes):
    session = schedule(active, alice)

    with pytest.raises(ValidationError):
        hold(session, alice, minutes=minutes)

    session.refresh_from_db()
    assert session.status == CoachingSession.Status.SCHEDULED


def test_database_refuses_a_held_session_without_duration(active, alice):
    session = schedule(active, alice)

    with pytest.raises(IntegrityError, match="coaching_session_held_has_duration"), transaction.atomic():
        CoachingSession.objects.filter(pk=session.pk).update(status="held", held_at=FIRST_MEETING)


def test_unknown_grow_field_is_refused(active, alice):
    session = schedule(active, alice)

    with pytest.raises(ValidationError):
        hold(session, alice, status="cancelled")


@pytest.mark.parametrize("person", ["ada", "bob", "carol"])
def test_only_the_coach_holds_or_calls_off(active, alice, request, person):
    session = schedule(active, alice)
    other = request.getfixturevalue(person)

    with pytest.raises(PermissionDenied):
        hold(session, other)
    with pytest.raises(PermissionDenied):
        services.call_off_session(session=session, by=other, reason="Client ill")
