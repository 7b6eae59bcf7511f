"""assessment → closed needs every objective evaluated and a written evaluation."""

import pytest
from django.core.exceptions import ValidationError

from engagements import services
from engagements.models import Engagement, EngagementEvent, Objective
from tests.conftest import engagement_in

State = Engagement.State


@pytest.fixture
def assessment(alice, carol) -> Engagement:
    """alice's engagement with carol in its skills assessment, one objective, nothing evaluated."""
    return engagement_in(State.ASSESSMENT, alice, carol)


def refused_closing(engagement: Engagement, coach) -> services.RuleBroken:
    events_before = EngagementEvent.objects.count()
    with pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=engagement, to=State.CLOSED, by=coach)
    engagement.refresh_from_db()
    assert engagement.state == State.ASSESSMENT
    assert EngagementEvent.objects.count() == events_before
    return refused.value


def evaluate(objective: Objective, coach) -> None:
    services.evaluate_objective(objective=objective, final_rating=7, outcome=Objective.Outcome.PARTLY, by=coach)


def test_closing_with_every_objective_evaluated_and_an_evaluation_succeeds(assessment, alice):
    evaluate(assessment.objectives.get(), alice)
    services.write_evaluation(engagement=assessment, evaluation="Delegates with confidence.", by=alice)

    services.transition_engagement(engagement=assessment, to=State.CLOSED, by=alice)

    assessment.refresh_from_db()
    assert assessment.state == State.CLOSED


def test_closing_with_an_objective_not_evaluated_is_refused_naming_it(assessment, alice):
    services.write_evaluation(engagement=assessment, evaluation="Delegates with confidence.", by=alice)

    error = refused_closing(assessment, alice)

    assert error.code == "objectives_not_evaluated"
    assert "objective not evaluated: Delegate the weekly reporting" in error.detail


def test_closing_with_one_of_two_objectives_evaluated_is_refused(alice, carol):
    engagement = engagement_in(State.ACTIVE, alice, carol)
    services.add_objective(
        engagement=engagement, statement="Sleep before midnight", success_measure="5 nights a week",
        baseline_rating=4, by=alice,
    )
    services.transition_engagement(engagement=engagement, to=State.ASSESSMENT, by=alice)
    evaluate(engagement.objectives.first(), alice)
    services.write_evaluation(engagement=engagement, evaluation="Progress on delegation.", by=alice)

    error = refused_closing(engagement, alice)

    assert error.code == "objectives_not_evaluated"
    assert "Sleep before midnight" in error.detail
    assert "Delegate the weekly reporting" not in error.detail


def test_closing_without_a_written_evaluation_is_refused(assessment, alice):
    evaluate(assessment.objectives.get(), alice)

    error = refused_closing(assessment, alice)

    assert error.code == "no_evaluation"
    assert "no written evaluation" in error.detail


def test_blank_evaluation_is_refused_by_validation(assessment, alice):
    with pytest.raises(ValidationError):
        services.write_evaluation(engagement=assessment, evaluation="   ", by=alice)

    assessment.refresh_from_db()
    assert assessment.evaluation == ""


def test_evaluation_without_outcome_is_refused(assessment, alice):
    objective = assessment.objectives.get()

    with pytest.raises(ValidationError):
        services.evaluate_objective(objective=objective, final_rating=7, outcome="", by=alice)

    objective.refresh_from_db()
    assert not objective.is_evaluated


def test_objectives_are_evaluated_only_in_the_assessment(active, alice):
    objective = active.objectives.get()

    with pytest.raises(services.RuleBroken) as refused:
        evaluate(objective, alice)

    assert refused.value.code == "wrong_state"
