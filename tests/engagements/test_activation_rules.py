"""exploratory → active needs the exploratory session recorded, an objective, complete
terms and a coachee."""

import pytest

from engagements import services
from engagements.models import Engagement, EngagementEvent
from tests.conftest import COMPLETE_TERMS

State = Engagement.State


def ready_but(engagement: Engagement, coach, *, objective: bool = True, session: bool = True, **term_changes) -> None:
    """Give `engagement` what activation needs, minus what the test takes away."""
    if session:
        services.record_exploratory_session(engagement=engagement, held_on=engagement.opened_on, by=coach)
    if objective:
        services.add_objective(
            engagement=engagement,
            statement="Speak up in board meetings",
            success_measure="One proposal per meeting",
            baseline_rating=2,
            by=coach,
        )
    services.set_terms(engagement=engagement, by=coach, **{**COMPLETE_TERMS, **term_changes})


def refused_activation(engagement: Engagement, coach) -> services.RuleBroken:
    events_before = EngagementEvent.objects.count()
    with pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=engagement, to=State.ACTIVE, by=coach)
    engagement.refresh_from_db()
    assert engagement.state == State.EXPLORATORY
    assert EngagementEvent.objects.count() == events_before
    return refused.value


def test_activation_with_objective_terms_and_coachee_succeeds(exploratory, alice):
    ready_but(exploratory, alice)

    services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=alice)

    exploratory.refresh_from_db()
    assert exploratory.state == State.ACTIVE


def test_activation_without_objective_is_refused(exploratory, alice):
    ready_but(exploratory, alice, objective=False)

    error = refused_activation(exploratory, alice)

    assert error.code == "no_objective"
    assert "no objective yet" in error.detail


@pytest.mark.parametrize(
    ("term", "label"),
    [
        ("coaching_type", "coaching type"),
        ("planned_hours", "planned hours"),
        ("session_frequency", "session frequency"),
        ("format", "format"),
        ("budget_amount", "budget amount"),
        ("budget_currency", "budget currency"),
    ],
)
def test_activation_with_a_missing_term_is_refused_naming_it(exploratory, alice, term, label):
    blank = None if term in ("planned_hours", "budget_amount") else ""
    ready_but(exploratory, alice, **{term: blank})

    error = refused_activation(exploratory, alice)

    assert error.code == "incomplete_terms"
    assert f"terms incomplete: {label} missing" in error.detail


@pytest.mark.parametrize("fmt", [Engagement.Format.IN_PERSON, Engagement.Format.HYBRID])
def test_activation_of_a_met_in_person_engagement_needs_a_location(exploratory, alice, fmt):
    ready_but(exploratory, alice, format=fmt, location="")

    error = refused_activation(exploratory, alice)

    assert error.code == "incomplete_terms"
    assert "location missing" in error.detail


@pytest.mark.parametrize("fmt", [Engagement.Format.IN_PERSON, Engagement.Format.HYBRID])
def test_activation_with_format_and_location_succeeds(exploratory, alice, fmt):
    ready_but(exploratory, alice, format=fmt, location="Lyon office, room 4")

    services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=alice)

    exploratory.refresh_from_db()
    assert exploratory.state == State.ACTIVE


def test_remote_engagement_needs_no_location(exploratory, alice):
    ready_but(exploratory, alice, format=Engagement.Format.REMOTE, location="")

    services.transition_engagement(engagement=exploratory, to=State.ACTIVE, by=alice)

    exploratory.refresh_from_db()
    assert exploratory.state == State.ACTIVE


def test_activation_without_coachee_is_refused(exploratory, alice):
    ready_but(exploratory, alice)
    exploratory.coachees.clear()  # no service removes a coachee; the guard must still hold

    error = refused_activation(exploratory, alice)

    assert error.code == "no_coachee"
    assert "no coachee yet" in error.detail


def test_activation_before_the_exploratory_session_is_recorded_is_refused(exploratory, alice):
    ready_but(exploratory, alice, session=False)

    refused = refused_activation(exploratory, alice)

    assert refused.code == "no_exploratory"
    assert refused.detail == "the exploratory session is not recorded yet"
