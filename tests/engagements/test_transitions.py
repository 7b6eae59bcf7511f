"""Every move of Engagement.TRANSITIONS: the allowed ones happen and are audited,
the others are refused and leave no trace."""

import pytest
from django.core.exceptions import ValidationError

from engagements import services
from engagements.models import Engagement, EngagementEvent
from tests.conftest import engagement_in, prepare_activation, prepare_closing

State = Engagement.State

ALLOWED = [(source, target) for source, targets in Engagement.TRANSITIONS.items() for target in targets]
REFUSED = [
    (source, target)
    for source in State.values
    for target in State.values
    if target not in Engagement.TRANSITIONS[source]
]


def move_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}->{pair[1]}"


def test_the_table_covers_every_state():
    assert set(Engagement.TRANSITIONS) == set(State.values)
    assert len(ALLOWED) + len(REFUSED) == len(State.values) ** 2


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=[move_id(p) for p in ALLOWED])
def test_allowed_move_changes_state_and_writes_an_event(source, target, alice, carol):
    engagement = engagement_in(source, alice, carol)
    if (source, target) == (State.EXPLORATORY, State.ACTIVE):
        prepare_activation(engagement, alice)
    if target == State.CLOSED:
        prepare_closing(engagement, alice)

    services.transition_engagement(engagement=engagement, to=target, by=alice, reason="As agreed with Carol")

    engagement.refresh_from_db()
    assert engagement.state == target
    event = engagement.events.last()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "engagement.transition",
        alice,
        source,
        target,
    )


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=[move_id(p) for p in REFUSED])
def test_move_outside_the_table_is_refused_and_changes_nothing(source, target, alice, carol):
    engagement = engagement_in(source, alice, carol)
    events_before = EngagementEvent.objects.count()

    with pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=engagement, to=target, by=alice)

    assert refused.value.code == "transition_not_allowed"
    assert f"cannot go from {source} to {target}" in refused.value.detail
    engagement.refresh_from_db()
    assert engagement.state == source
    assert EngagementEvent.objects.count() == events_before


def test_unknown_state_is_refused(active, alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=active, to="archived", by=alice)

    assert refused.value.code == "transition_not_allowed"
    active.refresh_from_db()
    assert active.state == State.ACTIVE


def test_refused_move_leaves_the_callers_object_untouched(exploratory, alice):
    with pytest.raises(services.RuleBroken):
        services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=alice)

    assert exploratory.state == State.EXPLORATORY


@pytest.mark.parametrize("target", [State.CANCELLED, State.DECLINED])
def test_ending_an_engagement_early_needs_a_reason_kept_in_its_history(target, exploratory, alice):
    with pytest.raises(ValidationError) as refused:
        services.transition_engagement(engagement=exploratory, to=target, by=alice, reason="  ")
    services.transition_engagement(engagement=exploratory, to=target, by=alice, reason="The sponsor withdrew")

    assert "reason" in refused.value.message_dict
    assert exploratory.events.last().reason == "The sponsor withdrew"
