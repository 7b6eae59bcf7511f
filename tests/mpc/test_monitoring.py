"""Stage 7: check-ins record indicator values and milestone progress; the next goal follows
a reached milestone; progress is computed from the data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements.services import RuleBroken
from mpc import services
from mpc.models import (
    CheckIn,
    Goal,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Progress,
)
from tests.mpc.conftest import DEADLINE, complete_through, stage, open_goals_rated
from tests.mpc.factories import GoalFactory, MilestoneFactory

HELD_ON = date(2026, 4, 1)


@pytest.fixture
def turnover(monitored) -> Goal:
    return Goal.objects.get(engagement=monitored, title="Grow turnover")


@pytest.fixture
def first(monitored) -> Milestone:
    return Milestone.objects.get(goal__engagement=monitored, title="First 120k quarter")


def reading(goal: Goal, value: str, unit: str = "EUR") -> services.Reading:
    return services.Reading(goal=goal, value=Decimal(value), unit=unit)


def test_monitoring_waits_for_the_double_action_plan(individual, alice):
    complete_through(individual, alice, 5)

    with pytest.raises(RuleBroken) as refused:
        services.record_check_in(engagement=individual, ratings=open_goals_rated(individual), held_on=HELD_ON, by=alice)

    assert refused.value.code == "stage_out_of_order"
    assert "stage 6 (double action plan) is done" in refused.value.detail


def test_a_check_in_records_readings_and_milestone_progress(monitored, alice, turnover, first):
    check_in = services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice,
        readings=[reading(turnover, "110000")], milestone_progress={first: 40},
    )

    first.refresh_from_db()
    assert (first.status, first.progress) == (Milestone.Status.IN_PROGRESS, 40)
    assert check_in.readings.get().value == Decimal("110000")
    assert check_in.milestone_updates.get().progress == 40
    assert stage(monitored, 7).status == "in_progress"


def test_a_reading_in_the_wrong_unit_names_both_units_and_writes_nothing(monitored, alice, turnover, first):
    with pytest.raises(ValidationError) as refused:
        services.record_check_in(
            engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice,
            readings=[reading(turnover, "110", unit="kEUR")], milestone_progress={first: 40},
        )

    [message] = refused.value.message_dict["unit"]
    assert "“kEUR”" in message and "“EUR”" in message
    first.refresh_from_db()
    assert first.progress == 0
    assert not CheckIn.objects.exists() and not MilestoneUpdate.objects.exists()


def test_a_qualitative_goal_has_no_indicator_to_read(monitored, alice):
    atmosphere = Goal.objects.get(engagement=monitored, kind=Goal.Kind.QUALITATIVE)

    with pytest.raises(ValidationError) as refused:
        services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, readings=[reading(atmosphere, "3")])

    assert "goal" in refused.value.message_dict
    assert not IndicatorReading.objects.exists()


def test_another_engagements_milestone_is_refused(monitored, alice, bobs):
    other = MilestoneFactory(goal=GoalFactory(engagement=bobs), title="Not yours")

    with pytest.raises(ValidationError) as refused:
        services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, milestone_progress={other: 10})

    assert refused.value.message_dict["milestone_progress"] == ["“Not yours” is not a milestone of this engagement."]
    assert not CheckIn.objects.exists()


def test_progress_is_computed_from_milestones_and_latest_readings(monitored, alice, turnover, first):
    services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, readings=[reading(turnover, "110000")])
    services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=date(2026, 7, 1), by=alice,
        readings=[reading(turnover, "125000")], milestone_progress={first: 100},
    )

    progress = Progress.of(monitored)

    assert (progress.milestones_reached, progress.milestones_total, progress.share_reached) == (1, 2, Decimal("0.5"))
    [indicator] = progress.indicators
    assert (indicator.latest, indicator.read_on) == (Decimal("125000"), date(2026, 7, 1))
    assert indicator.fraction == Decimal("0.5")
    assert not indicator.is_met


def test_dropped_milestones_leave_the_share(monitored, alice, first):
    services.update_milestone(milestone=first, status=Milestone.Status.DROPPED, by=alice)

    assert Progress.of(monitored).milestones_total == 1


def test_reaching_a_milestone_lets_the_coach_set_the_next_goal(monitored, alice, first):
    services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, milestone_progress={first: 100})

    next_goal = services.set_next_goal(
        milestone=first, title="Keep the team's energy", kind=Goal.Kind.QUALITATIVE, deadline=DEADLINE, success_sign="Energy in the room", by=alice
    )
    services.add_milestone(goal=next_goal, title="Offsite", due_on=date(2026, 11, 1), by=alice)

    assert next_goal.follows == first
    assert first.next_goals.get().milestones.count() == 1
    assert stage(monitored, 4).status == "done"


def test_the_next_goal_waits_for_its_milestone_to_be_reached(monitored, alice, first):
    with pytest.raises(RuleBroken) as refused:
        services.set_next_goal(
            milestone=first, title="Too early", kind=Goal.Kind.QUALITATIVE, deadline=DEADLINE, success_sign="Energy in the room", by=alice
        )

    assert refused.value.code == "milestone_not_reached"
    assert not Goal.objects.filter(title="Too early").exists()


def test_the_owner_updates_their_milestone_and_reaching_it_is_dated(monitored, carol, first):
    services.update_milestone(milestone=first, progress=100, by=carol)

    first.refresh_from_db()
    assert first.status == Milestone.Status.REACHED and first.reached_at is not None


def test_an_outsider_cannot_update_a_milestone(monitored, bob, eve, first):
    for outsider in (bob, eve):
        with pytest.raises(PermissionDenied):
            services.update_milestone(milestone=first, progress=50, by=outsider)


def test_a_reached_milestone_stays_reached(monitored, alice, first):
    services.update_milestone(milestone=first, progress=100, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.update_milestone(milestone=first, progress=60, by=alice)

    assert refused.value.code == "milestone_transition_not_allowed"


def test_a_progress_above_100_is_refused(monitored, alice, first):
    with pytest.raises(ValidationError) as refused:
        services.update_milestone(milestone=first, progress=120, by=alice)

    assert "progress" in refused.value.message_dict


def test_monitoring_is_done_only_when_every_milestone_is_reached(monitored, alice, first):
    services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, milestone_progress={first: 100})

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(monitored, 7), by=alice)

    assert "milestones not reached yet: Monthly team retro" in refused.value.detail
