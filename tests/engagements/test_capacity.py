"""A coach gets a new engagement only while active and below capacity; finished
engagements free their place."""

import pytest
from django.core.exceptions import PermissionDenied

from engagements import services
from engagements.models import Engagement, EngagementEvent
from tests.conftest import engagement_in, open_for
from tests.factories import CoacheeFactory

State = Engagement.State


def another_client():
    return CoacheeFactory().user


def test_inactive_coach_cannot_open_an_engagement(alice, carol, ada):
    services.update_coach(coach=alice.coach, is_active=False, by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        open_for(alice, carol)

    assert refused.value.code == "coach_inactive"
    assert not Engagement.objects.exists()


def test_admin_cannot_open_an_engagement_for_an_inactive_coach(alice, carol, ada):
    services.update_coach(coach=alice.coach, is_active=False, by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        services.open_engagement(title="Leadership", coach=alice.coach, coachees=[carol.coachee], by=ada)

    assert refused.value.code == "coach_inactive"


def test_coach_at_capacity_cannot_open_another(alice, carol, ada):
    services.update_coach(coach=alice.coach, capacity=1, by=ada)
    open_for(alice, carol)

    with pytest.raises(services.RuleBroken) as refused:
        open_for(alice, another_client(), title="Second")

    assert refused.value.code == "coach_at_capacity"
    assert "at capacity (1 open engagement)" in refused.value.detail
    assert Engagement.objects.count() == 1


@pytest.mark.parametrize("state", [State.EXPLORATORY, State.ACTIVE, State.PAUSED, State.ASSESSMENT])
def test_open_engagements_count_against_capacity(alice, carol, ada, state):
    engagement_in(state, alice, carol)
    services.update_coach(coach=alice.coach, capacity=1, by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        open_for(alice, another_client(), title="Second")

    assert refused.value.code == "coach_at_capacity"


@pytest.mark.parametrize("state", [State.CLOSED, State.DECLINED, State.CANCELLED])
def test_finished_engagements_do_not_count_against_capacity(alice, carol, ada, state):
    engagement_in(state, alice, carol)
    services.update_coach(coach=alice.coach, capacity=1, by=ada)

    second = open_for(alice, another_client(), title="Second")

    assert second.state == State.EXPLORATORY
    assert alice.coach.open_engagement_count == 1


def test_coach_opens_only_their_own_engagements(alice, bob, carol):
    with pytest.raises(PermissionDenied):
        services.open_engagement(title="Leadership", coach=alice.coach, coachees=[carol.coachee], by=bob)


def test_assign_coach_hands_the_engagement_over_with_an_event(active, bob, ada):
    services.assign_coach(engagement=active, coach=bob.coach, by=ada)

    active.refresh_from_db()
    assert active.coach == bob.coach
    event = active.events.last()
    assert (event.action, event.actor) == ("engagement.coach_assigned", ada)


def test_assign_coach_refuses_an_inactive_coach(active, bob, ada):
    services.update_coach(coach=bob.coach, is_active=False, by=ada)
    events_before = EngagementEvent.objects.count()

    with pytest.raises(services.RuleBroken) as refused:
        services.assign_coach(engagement=active, coach=bob.coach, by=ada)

    assert refused.value.code == "coach_inactive"
    active.refresh_from_db()
    assert active.coach.user.username == "alice"
    assert EngagementEvent.objects.count() == events_before


def test_assign_coach_refuses_a_coach_at_capacity(active, bobs, bob, ada):
    services.update_coach(coach=bob.coach, capacity=1, by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        services.assign_coach(engagement=active, coach=bob.coach, by=ada)

    assert refused.value.code == "coach_at_capacity"
    active.refresh_from_db()
    assert active.coach.user.username == "alice"


def test_assign_coach_accepts_a_coach_whose_engagements_are_finished(active, bob, dave, ada):
    engagement_in(State.CANCELLED, bob, dave, title="Career move")
    services.update_coach(coach=bob.coach, capacity=1, by=ada)

    services.assign_coach(engagement=active, coach=bob.coach, by=ada)

    active.refresh_from_db()
    assert active.coach == bob.coach


def test_assign_coach_refuses_a_finished_engagement(alice, carol, bob, ada):
    closed = engagement_in(State.CLOSED, alice, carol)

    with pytest.raises(services.RuleBroken) as refused:
        services.assign_coach(engagement=closed, coach=bob.coach, by=ada)

    assert refused.value.code == "engagement_ended"


def test_only_an_admin_assigns_coaches(active, alice, bob):
    with pytest.raises(PermissionDenied):
        services.assign_coach(engagement=active, coach=bob.coach, by=alice)
