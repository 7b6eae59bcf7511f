"""The Will stage: actions agreed in a session land on the engagement's 'sessions'
action plan, and the next session reviews them."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements.models import ActionItem, ActionPlan
from engagements.services import update_action_progress
from sessions_grow import services

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)


def held(engagement, coach, days=0):
    when = FIRST_MEETING + timedelta(days=days)
    session = services.schedule_session(engagement=engagement, scheduled_at=when, by=coach)
    return services.hold_session(session=session, duration_minutes=60, held_at=session.scheduled_at, by=coach)


def test_agreed_action_lands_on_the_sessions_plan_linked_to_the_session(active, alice, carol):
    session = held(active, alice)

    item = services.agree_action(
        session=session, title="Delegate the Monday report", by=alice, owner=carol, due_on=date(2026, 1, 19)
    )

    assert item.plan == ActionPlan.objects.get(engagement=active, kind=ActionPlan.Kind.SESSIONS)
    assert (item.owner, item.due_on, item.status) == (carol, date(2026, 1, 19), ActionItem.Status.TODO)
    assert list(session.agreed_items.all()) == [item]
    assert active.events.last().action == "action_item.added"


def test_next_session_reviews_the_previous_actions_with_their_status(active, alice, carol):
    first = held(active, alice)
    memo = services.agree_action(session=first, title="Write the memo", by=alice, owner=carol)
    services.agree_action(session=first, title="Ask for feedback", by=alice, owner=carol)
    update_action_progress(item=memo, by=carol, status=ActionItem.Status.DONE)
    second = services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING + timedelta(days=14), by=alice)

    review = [(item.title, item.status) for item in second.previous_actions()]

    assert sorted(review) == [("Ask for feedback", "todo"), ("Write the memo", "done")]


def test_review_skips_a_called_off_session(active, alice, carol):
    first = held(active, alice)
    services.agree_action(session=first, title="Write the memo", by=alice, owner=carol)
    services.call_off_session(
        session=services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING + timedelta(days=7), by=alice),
        by=alice,
        reason="Client ill",
    )
    third = services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING + timedelta(days=14), by=alice)

    titles = [item.title for item in third.previous_actions()]

    assert titles == ["Write the memo"]


def test_first_session_has_nothing_to_review(active, alice):
    first = services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)

    assert first.previous_actions() == []


@pytest.mark.parametrize("owner", ["dave", "eve", "bob"])
def test_owner_outside_the_engagement_is_refused(active, alice, request, owner):
    session = held(active, alice)

    with pytest.raises(ValidationError) as refused:
        services.agree_action(session=session, title="Not theirs", by=alice, owner=request.getfixturevalue(owner))

    assert "owner" in refused.value.message_dict
    assert not ActionItem.objects.exists()
    assert not session.agreed_items.exists()


def test_the_coach_may_own_an_agreed_action(active, alice):
    session = held(active, alice)

    item = services.agree_action(session=session, title="Send the reading list", by=alice, owner=alice)

    assert item.owner == alice


def test_actions_are_agreed_only_in_a_held_session(active, alice, carol):
    scheduled = services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)

    with pytest.raises(services.RuleBroken) as refused:
        services.agree_action(session=scheduled, title="Too early", by=alice, owner=carol)

    assert refused.value.code == "session_not_held"


def test_action_due_before_its_session_is_refused(active, alice, carol):
    session = held(active, alice)

    with pytest.raises(ValidationError):
        services.agree_action(session=session, title="Yesterday", by=alice, owner=carol, due_on=date(2026, 1, 11))


@pytest.mark.parametrize("person", ["ada", "bob", "carol"])
def test_only_the_coach_agrees_actions(active, alice, request, person):
    session = held(active, alice)

    with pytest.raises(PermissionDenied):
        services.agree_action(session=session, title="Sneaky", by=request.getfixturevalue(person))

    assert not ActionItem.objects.exists()
