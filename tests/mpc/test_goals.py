"""Stage 4: quantitative and qualitative goals, their milestones, activity flows."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements.services import RuleBroken
from mpc import services
from mpc.models import Goal, Milestone
from tests.mpc.conftest import DEADLINE, complete_through, stage
from tests.mpc.factories import GoalFactory, MilestoneFactory

QUANT, QUAL = Goal.Kind.QUANTITATIVE, Goal.Kind.QUALITATIVE


def add_turnover_goal(engagement, coach, **overrides) -> Goal:
    fields = dict(
        title="Grow turnover", kind=QUANT, deadline=DEADLINE, metric="turnover", unit="EUR",
        baseline=Decimal("100"), target=Decimal("150"),
    )
    return services.add_goal(engagement=engagement, by=coach, **{**fields, **overrides})


def test_a_qualitative_goal_may_be_flagged_human_related(individual, alice):
    goal = services.add_goal(
        engagement=individual, title="Team motivation", kind=QUAL, deadline=DEADLINE, is_human=True, success_sign="People speak up", by=alice
    )

    assert goal.is_human and goal.metric == ""


@pytest.mark.parametrize("missing", ["metric", "target"])
def test_a_quantitative_goal_without_metric_or_target_is_refused(individual, alice, missing):
    blank = "" if missing == "metric" else None

    with pytest.raises(ValidationError) as refused:
        add_turnover_goal(individual, alice, **{missing: blank})

    assert refused.value.message_dict[missing] == [f"A quantitative goal needs its {missing}."]
    assert not Goal.objects.exists()


def test_a_quantitative_goal_whose_target_is_its_baseline_is_refused(individual, alice):
    with pytest.raises(ValidationError) as refused:
        add_turnover_goal(individual, alice, target=Decimal("100"))

    assert "target" in refused.value.message_dict


def test_the_database_refuses_a_quantitative_goal_without_a_target(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalFactory(engagement=individual, target=None)


def test_a_milestone_due_after_its_goals_deadline_is_refused(individual, alice):
    goal = add_turnover_goal(individual, alice, deadline=date(2026, 6, 30))

    with pytest.raises(ValidationError) as refused:
        services.add_milestone(goal=goal, title="Late", due_on=date(2026, 7, 1), by=alice)

    [message] = refused.value.message_dict["due_on"]
    assert "2026-07-01" in message and "2026-06-30" in message
    assert not Milestone.objects.exists()


def test_a_milestone_owner_must_take_part_in_the_engagement(individual, alice, eve):
    goal = add_turnover_goal(individual, alice)

    with pytest.raises(ValidationError) as refused:
        services.add_milestone(goal=goal, title="Q2", due_on=date(2026, 6, 30), owner=eve, by=alice)

    assert "owner" in refused.value.message_dict


def test_an_activity_flow_needs_an_owner_who_takes_part(individual, alice, eve):
    with pytest.raises(ValidationError) as refused:
        services.add_activity_flow(engagement=individual, name="Reporting", owner=eve, by=alice)

    assert "owner" in refused.value.message_dict


def test_goals_stage_names_the_goals_without_milestones(individual, alice, carol):
    complete_through(individual, alice, 3)
    add_turnover_goal(individual, alice)
    services.add_activity_flow(engagement=individual, name="Reporting", owner=carol, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 4), by=alice)

    assert "goal “Grow turnover” has no milestone" in refused.value.detail


def test_the_database_keeps_milestone_progress_in_range(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneFactory(goal=GoalFactory(engagement=individual), progress=101)


def test_the_database_refuses_a_reached_milestone_below_100(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneFactory(goal=GoalFactory(engagement=individual), status="reached", progress=90)


class TestMilestoneQueries:
    TODAY = date(2026, 6, 1)

    @pytest.fixture
    def milestones(self, individual):
        goal = GoalFactory(engagement=individual)
        return {
            name: MilestoneFactory(goal=goal, title=name, due_on=due_on, status=status)
            for name, due_on, status in [
                ("overdue", date(2026, 5, 30), "pending"),
                ("today", date(2026, 6, 1), "in_progress"),
                ("in a week", date(2026, 6, 8), "pending"),
                ("later", date(2026, 6, 9), "pending"),
                ("dropped", date(2026, 6, 2), "dropped"),
            ]
        }

    def titles(self, queryset) -> list[str]:
        return list(queryset.values_list("title", flat=True))

    def test_due_within_a_week(self, milestones):
        assert self.titles(Milestone.objects.due_within(days=7, today=self.TODAY)) == ["today", "in a week"]

    def test_overdue(self, milestones):
        assert self.titles(Milestone.objects.overdue(today=self.TODAY)) == ["overdue"]
        assert milestones["overdue"].is_overdue(self.TODAY)

    def test_pending_leaves_out_dropped(self, milestones):
        assert "dropped" not in self.titles(Milestone.objects.pending())
