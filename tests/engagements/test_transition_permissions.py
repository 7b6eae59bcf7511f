"""Only the engagement's coach or a co-coach runs its lifecycle; an admin may only cancel."""

import pytest
from django.core.exceptions import PermissionDenied

from engagements import services
from engagements.models import Engagement, EngagementEvent

State = Engagement.State


def test_lead_coach_moves_the_engagement(active, alice):
    services.transition_engagement(engagement=active, to=State.PAUSED, by=alice)

    active.refresh_from_db()
    assert active.state == State.PAUSED
    assert active.events.last().actor == alice


def test_co_coach_moves_the_engagement(co_coached, bob):
    services.transition_engagement(engagement=co_coached, to=State.PAUSED, by=bob)

    co_coached.refresh_from_db()
    assert co_coached.state == State.PAUSED
    assert co_coached.events.last().actor == bob


def test_admin_may_cancel(active, ada):
    services.transition_engagement(engagement=active, to=State.CANCELLED, by=ada, reason="Sponsor withdrew")

    active.refresh_from_db()
    assert active.state == State.CANCELLED
    event = active.events.last()
    assert (event.actor, event.from_state, event.to_state) == (ada, State.ACTIVE, State.CANCELLED)


@pytest.mark.parametrize("target", [State.PAUSED, State.ASSESSMENT])
def test_admin_may_not_move_an_engagement_otherwise(active, ada, target):
    with pytest.raises(PermissionDenied):
        services.transition_engagement(engagement=active, to=target, by=ada)

    active.refresh_from_db()
    assert active.state == State.ACTIVE


def test_admin_may_not_activate(exploratory, ada):
    with pytest.raises(PermissionDenied):
        services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=ada)


@pytest.mark.parametrize("outsider", ["bob", "carol", "dave", "eve"])
@pytest.mark.parametrize("target", [State.PAUSED, State.CANCELLED])
def test_others_may_not_move_alices_engagement(active, request, outsider, target):
    person = request.getfixturevalue(outsider)
    events_before = EngagementEvent.objects.count()

    with pytest.raises(PermissionDenied):
        services.transition_engagement(engagement=active, to=target, by=person)

    active.refresh_from_db()
    assert active.state == State.ACTIVE
    assert EngagementEvent.objects.count() == events_before


def test_supervisor_may_not_move_a_supervisees_engagement(bobs, alice):
    with pytest.raises(PermissionDenied):
        services.transition_engagement(engagement=bobs, to=State.PAUSED, by=alice)


def test_permission_is_checked_before_the_rules(exploratory, eve):
    # An outsider must not learn which rule is unmet: the refusal is the same either way.
    with pytest.raises(PermissionDenied):
        services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=eve)
