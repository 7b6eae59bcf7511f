"""State guards judge the engagement as stored, not a copy the caller read earlier."""

import pytest

from engagements import services
from engagements.models import Engagement, Objective
from tests.conftest import engagement_in

State = Engagement.State


def test_objective_cannot_be_evaluated_after_the_engagement_left_its_assessment(alice, carol):
    engagement = engagement_in(State.ASSESSMENT, alice, carol)
    objective = engagement.objectives.get()  # carries the engagement as it was: in assessment
    services.transition_engagement(engagement=engagement, to=State.ACTIVE, by=alice)

    with pytest.raises(services.RuleBroken) as refused:
        services.evaluate_objective(objective=objective, final_rating=9, outcome=Objective.Outcome.ACHIEVED, by=alice)

    assert refused.value.code == "wrong_state"


def test_objective_can_be_evaluated_once_the_engagement_reached_its_assessment(active, alice):
    objective = active.objectives.get()  # carries the engagement as it was: active
    services.transition_engagement(engagement=active, to=State.ASSESSMENT, by=alice)

    services.evaluate_objective(objective=objective, final_rating=9, outcome=Objective.Outcome.ACHIEVED, by=alice)

    objective.refresh_from_db()
    assert objective.is_evaluated


def test_objective_cannot_be_added_to_an_engagement_cancelled_meanwhile(active, alice, ada):
    services.transition_engagement(engagement=active, to=State.CANCELLED, by=ada, reason="Sponsor withdrew")

    with pytest.raises(services.RuleBroken) as refused:
        services.add_objective(
            engagement=active, statement="Late", success_measure="Never", baseline_rating=1, by=alice
        )

    assert refused.value.code == "wrong_state"


def test_action_cannot_be_added_to_an_engagement_cancelled_meanwhile(active, alice, ada):
    plan = active.action_plans.get()  # carries the engagement as it was: active
    services.transition_engagement(engagement=active, to=State.CANCELLED, by=ada, reason="Sponsor withdrew")

    with pytest.raises(services.RuleBroken) as refused:
        services.add_action_item(plan=plan, title="Too late", by=alice)

    assert refused.value.code == "wrong_state"
