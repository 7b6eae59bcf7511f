"""Stage 6 built from the stages before it: each item about the mission, a goal, a role,
a resource or an audit gap of this engagement; control indicators measurable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements.models import ActionItem
from engagements.services import RuleBroken
from mpc import forms, services
from mpc.models import AuditRating, ControlIndicator, Goal, PlanLink
from tests.conftest import activate, open_for
from tests.mpc.conftest import PERSONAL, PROJECT, complete_through, plan_abouts, start

Category = ActionItem.Category
DUE = date(2026, 10, 1)


@pytest.fixture
def ready(individual, alice):
    """The individual engagement with stages 1–5 done: the plan can be built."""
    complete_through(individual, alice, 5)
    return individual


def test_a_project_item_points_at_a_goal_and_shows_its_edits(ready, alice):
    goal = Goal.objects.get(engagement=ready, title="Grow turnover")
    item = services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Review monthly", category=Category.GOAL, about=goal, by=alice)
    services.reopen_stage(stage=ready.mpc_stages.get(number=4), by=alice)

    services.revise_record(record=goal, title="Grow turnover by a third", by=alice)

    assert str(PlanLink.objects.get(item=item).about) == "Grow turnover by a third"


def test_a_mission_item_points_at_the_mission_without_being_told(ready, alice):
    item = services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Share it", category=Category.MISSION, by=alice)

    assert item.mpc_link.about == ready.mpc_mission


@pytest.fixture
def elsewhere(alice, carol):
    """alice's second MPC engagement with carol, through stage 5: records of another engagement."""
    other = start(activate(open_for(alice, carol, uses_mpc=True, title="Elsewhere"), alice), alice)
    complete_through(other, alice, 5)
    return other


@pytest.mark.parametrize("category", [Category.GOAL, Category.ROLE, Category.RESOURCE, Category.MISSION])
def test_an_item_about_another_engagements_record_is_refused_and_nothing_saved(ready, elsewhere, alice, category):
    theirs = plan_abouts(elsewhere)[category]

    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Borrowed", category=category, about=theirs, by=alice)

    assert refused.value.message_dict["about"] == [
        f"“{theirs}” belongs to another engagement: a plan points at this engagement's own records."
    ]
    assert not ActionItem.objects.filter(title="Borrowed").exists()


def test_an_item_pointing_at_the_wrong_kind_of_record_is_refused(ready, alice):
    role = ready.mpc_roles.first()

    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Mixed up", category=Category.GOAL, about=role, by=alice)

    assert refused.value.message_dict["about"] == ["Choose a goal for an item of this kind (goals)."]


def test_a_weak_point_is_a_gap_of_the_audit(ready, alice):
    services.reopen_stage(stage=ready.mpc_stages.get(number=1), by=alice)
    strong = services.rate_person(engagement=ready, area=AuditRating.Area.VALUES, rating=9, required=7, by=alice)

    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(engagement=ready, plan_kind=PERSONAL, title="Work on values", category=Category.WEAK_POINT, about=strong, by=alice)

    assert refused.value.message_dict["about"] == ["Values shows no gap: it stands at or above what the project needs."]


def test_the_personal_plan_offers_its_own_kinds_and_the_gaps_largest_first(ready, alice):
    services.reopen_stage(stage=ready.mpc_stages.get(number=1), by=alice)
    services.rate_person(engagement=ready, area=AuditRating.Area.BEHAVIOUR, rating=2, required=8, by=alice)
    services.rate_person(engagement=ready, area=AuditRating.Area.VALUES, rating=9, required=7, by=alice)

    personal = forms.PersonalItemForm(engagement=ready).fields["about"].choices
    project = forms.ProjectItemForm(engagement=ready).fields["about"].choices

    kinds, hobbies, (label, gaps) = personal
    assert (kinds[1], hobbies[1], label) == ("Work-life balance", "Hobbies", "Weak point to develop")
    assert [text for _, text in gaps][:2] == ["Behaviour: gap of 6", "Knowledge: gap of 2"]
    assert "Values" not in str(gaps)
    assert [group for group, _ in project] == ["Mission", "Goals", "Roles", "Tools and resources", "deadline"]


def test_a_goal_a_plan_item_is_about_is_not_deleted(ready, alice):
    goal = Goal.objects.get(engagement=ready, title="Grow turnover")
    services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Review monthly", category=Category.GOAL, about=goal, by=alice)
    services.reopen_stage(stage=ready.mpc_stages.get(number=4), by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_record(record=goal, by=alice)

    assert "the plan item “Review monthly”" in refused.value.detail


def test_a_gap_a_weak_point_takes_up_cannot_close_under_it(ready, alice):
    gap = ready.audit_ratings.first()
    services.add_plan_item(engagement=ready, plan_kind=PERSONAL, title="Practise", category=Category.WEAK_POINT, about=gap, by=alice)
    services.reopen_stage(stage=ready.mpc_stages.get(number=1), by=alice)

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=gap, rating=gap.required, by=alice)

    assert "takes up this gap" in refused.value.message_dict["rating"][0]


def test_a_control_indicator_is_measurable_from_its_baseline_to_its_target(ready, alice, carol):
    indicator = services.add_control_indicator(
        engagement=ready, title="Complaints a month", owner=carol, due_on=DUE, unit="complaints",
        baseline=Decimal("12"), target=Decimal("4"), direction=ControlIndicator.Direction.DOWN, by=alice,
    )

    assert indicator.item.category == Category.INDICATOR and indicator.item.plan.kind == PROJECT
    assert indicator.is_met(Decimal("4")) and not indicator.is_met(Decimal("5"))


def test_a_target_on_the_wrong_side_of_the_baseline_is_refused_in_words(ready, alice):
    with pytest.raises(ValidationError) as refused:
        services.add_control_indicator(
            engagement=ready, title="Complaints", due_on=DUE, unit="a month", baseline=Decimal("4"), target=Decimal("12"),
            direction=ControlIndicator.Direction.DOWN, by=alice,
        )

    assert "below it when lower is better" in str(refused.value)
    assert not ActionItem.objects.filter(title="Complaints").exists()


def test_a_control_indicator_needs_its_due_date_and_its_measure(ready, alice):
    with pytest.raises(ValidationError) as undated:
        services.add_control_indicator(
            engagement=ready, title="Complaints", due_on=None, unit="a month", baseline=1, target=2, direction="up", by=alice
        )
    with pytest.raises(ValidationError) as bare:
        services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Complaints", category=Category.INDICATOR, due_on=DUE, by=alice)

    assert undated.value.message_dict["due_on"] == ["A control indicator needs its date."]
    assert "with its measure" in bare.value.message_dict["category"][0]


def test_the_database_keeps_an_indicator_beyond_its_baseline(ready, alice):
    item = services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Budget", category=Category.DEADLINE, due_on=DUE, by=alice)

    with pytest.raises(IntegrityError), transaction.atomic():
        ControlIndicator.objects.create(item=item, unit="%", baseline=5, target=5, direction="up")


def test_the_database_keeps_a_link_about_one_record(ready, alice):
    item = services.add_plan_item(engagement=ready, plan_kind=PROJECT, title="Budget", category=Category.DEADLINE, due_on=DUE, by=alice)

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanLink.objects.create(item=item, mission=ready.mpc_mission, goal=ready.mpc_goals.first())
