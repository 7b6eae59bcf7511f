"""One individual and one team engagement walked through all seven stages and monitoring."""

from datetime import date
from decimal import Decimal

from engagements.models import EngagementEvent
from mpc import services
from mpc.models import Goal, Milestone, Progress, Stage
from tests.mpc.conftest import DEADLINE, FILLERS, members, stage, open_goals_rated

Status = Stage.Status


def walk_stages_1_to_6(engagement, coach) -> None:
    for number in range(1, 7):
        assert stage(engagement, number).status == Status.NOT_STARTED

        FILLERS[number](engagement, coach)
        assert stage(engagement, number).status == Status.IN_PROGRESS
        services.complete_stage(stage=stage(engagement, number), by=coach)

        assert stage(engagement, number).status == Status.DONE


def monitor_to_the_end(engagement, coach) -> None:
    turnover = Goal.objects.get(engagement=engagement, title="Grow turnover")
    first, retro = Milestone.objects.filter(goal__engagement=engagement).order_by("due_on")

    services.record_check_in(
        engagement=engagement, ratings=open_goals_rated(engagement), held_on=date(2026, 4, 1), by=coach, notes="On track.",
        readings=[services.Reading(goal=turnover, value=Decimal("120000"), unit="EUR")],
        milestone_progress={first: 100, retro: 50},
    )
    progress = Progress.of(engagement)
    assert (progress.milestones_reached, progress.milestones_total) == (1, 2)
    assert progress.indicators[0].fraction == Decimal("0.4")

    next_goal = services.set_next_goal(
        milestone=first, title="Reach 150k a quarter", kind=Goal.Kind.QUANTITATIVE, deadline=DEADLINE,
        metric="turnover", unit="EUR", baseline=Decimal("120000"), target=Decimal("150000"), by=coach,
    )
    last = services.add_milestone(goal=next_goal, title="150k quarter", due_on=date(2026, 12, 15), by=coach)
    services.record_check_in(
        engagement=engagement, ratings=open_goals_rated(engagement), held_on=date(2026, 11, 20), by=coach,
        readings=[
            services.Reading(goal=turnover, value=Decimal("150000"), unit="EUR"),
            services.Reading(goal=next_goal, value=Decimal("150000"), unit="EUR"),
        ],
        milestone_progress={retro: 100, last: 100},
    )
    mission = services.complete_mission(
        engagement=engagement, completed_on=date(2026, 11, 20), closing_note="Reporting is a habit now.", by=coach
    )

    assert mission.is_complete and mission.completed_on == date(2026, 11, 20)

    progress = Progress.of(engagement)
    assert progress.share_reached == 1
    assert all(indicator.is_met for indicator in progress.indicators)
    assert stage(engagement, 7).status == Status.DONE


def test_individual_engagement_walks_all_stages_and_monitoring(individual, alice):
    walk_stages_1_to_6(individual, alice)

    monitor_to_the_end(individual, alice)

    assert list(individual.mpc_stages.values_list("status", flat=True)) == [Status.DONE] * 7
    assert EngagementEvent.objects.filter(engagement=individual, action="mpc.stage_moved", to_state="done").count() == 7


def test_team_engagement_walks_all_stages_and_monitoring(team, bob):
    walk_stages_1_to_6(team, bob)

    monitor_to_the_end(team, bob)

    assert list(team.mpc_stages.values_list("status", flat=True)) == [Status.DONE] * 7
    assert {role.holder for role in team.mpc_roles.all()} == set(members(team))
    assert team.audit_ratings.count() == 5 and team.team_observations.count() == len(members(team))
