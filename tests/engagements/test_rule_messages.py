"""A refusal names the unmet rule, in words a coach understands, with a stable code."""

import pytest

from engagements import services
from engagements.models import Engagement

State = Engagement.State


def test_activating_a_bare_engagement_names_every_unmet_rule(exploratory, alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=alice)

    assert refused.value.code == "no_exploratory"
    assert str(refused.value) == (
        "the exploratory session is not recorded yet; no objective yet; terms incomplete: coaching type, "
        "planned hours, session frequency, format, budget amount, budget currency missing"
    )


def test_rule_broken_keeps_code_and_detail_apart():
    error = services.RuleBroken.first_of([("a_code", "first rule"), ("b_code", "second rule")])

    assert (error.code, error.detail, str(error)) == ("a_code", "first rule; second rule", "first rule; second rule")


def test_wrong_state_names_what_was_attempted_and_the_state(active, alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.record_exploratory_session(engagement=active, held_on=active.opened_on, by=alice)

    assert refused.value.code == "wrong_state"
    assert refused.value.detail == "cannot record the exploratory session while the engagement is active"
