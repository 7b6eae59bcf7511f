"""Every MPC lookup goes through visible_to: an outsider coach or coachee sees nothing."""

from datetime import date

import pytest

from mpc import services
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)
from tests.conftest import activate, open_for
from tests.mpc.conftest import complete_through

MODELS = [
    Stage, AuditRating, Customer, Partner, Factor, Mission, Goal, Milestone, ActivityFlow,
    Resource, Role, CheckIn, IndicatorReading, MilestoneUpdate,
]


@pytest.fixture
def checked_in(monitored, alice):
    goal = Goal.objects.get(engagement=monitored, title="Grow turnover")
    milestone = goal.milestones.get()
    services.record_check_in(
        engagement=monitored, held_on=date(2026, 4, 1), by=alice,
        readings=[services.Reading(goal=goal, value=100500, unit="EUR")], milestone_progress={milestone: 10},
    )
    return monitored


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_coach_the_coachee_and_the_admin_see_the_engagements_rows(checked_in, model, alice, carol, ada):
    for user in (alice, carol, ada):
        assert model.objects.visible_to(user).exists(), user


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_an_outsider_coach_or_coachee_sees_nothing(checked_in, model, bob, eve):
    for outsider in (bob, eve):
        assert not model.objects.visible_to(outsider).exists(), outsider


def test_a_supervisor_gains_nothing(ada, bob, dave, alice):
    engagement = activate(open_for(bob, dave, uses_mpc=True), bob)  # alice supervises bob
    services.start_mpc(engagement=engagement, by=bob)

    assert not Stage.objects.visible_to(alice).exists()


def test_a_team_member_reads_the_team_observations_but_not_those_of_another_member(team, bob, dave, frank):
    complete_through(team, bob, 1)

    seen_by_dave = TeamObservation.objects.visible_to(dave)

    assert {o.member for o in seen_by_dave} == {None, dave}
    assert TeamObservation.objects.visible_to(bob).count() == 4
    assert not TeamObservation.objects.visible_to(frank).filter(member=dave).exists()
