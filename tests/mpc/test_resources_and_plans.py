"""Stages 5 and 6: resources and roles; the personal and the project (collective) plans."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from engagements.models import ActionItem
from engagements.services import NOT_A_PARTICIPANT, RuleBroken
from mpc import services
from mpc.models import Resource, Role
from tests.mpc.conftest import (
    PERSONAL,
    PROJECT,
    FILLERS,
    complete_through,
    fill_action_plan,
    plan_abouts,
    fill_resources,
    stage,
)

Category = ActionItem.Category


def test_a_team_role_for_someone_outside_the_team_is_refused(team, bob, eve):
    with pytest.raises(ValidationError) as refused:
        services.assign_role(engagement=team, holder=eve, title="Lead", responsibilities="Leads", by=bob)

    assert refused.value.message_dict["holder"] == [NOT_A_PARTICIPANT]
    assert not Role.objects.exists()


def test_anyone_the_engagement_names_holds_a_role_the_coach_included(individual, alice):
    role = services.assign_role(engagement=individual, holder=alice, title="Sparring partner", responsibilities="-", by=alice)

    assert role.holder == alice


def test_resources_stage_names_the_members_without_a_role(team, bob, dave):
    complete_through(team, bob, 4)
    services.add_resource(engagement=team, kind=Resource.Kind.TECHNICAL, name="CRM", by=bob)
    services.assign_role(engagement=team, holder=dave, title="Lead", responsibilities="Leads", by=bob)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(team, 5), by=bob)

    assert "no human resource yet" in refused.value.detail
    assert "no role yet for Frank Member, Grace Member" in refused.value.detail


def test_a_team_responsibility_for_someone_outside_the_team_is_refused(team, bob, eve):
    complete_through(team, bob, 5)

    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(
            engagement=team, plan_kind=PROJECT, title="Own the CRM", category=Category.RESOURCE, owner=eve, by=bob
        )

    assert refused.value.message_dict["owner"] == [NOT_A_PARTICIPANT]
    assert not ActionItem.objects.filter(plan__engagement=team).exists()


def test_the_team_plan_cannot_finish_while_a_member_has_no_responsibility(team, bob, dave):
    complete_through(team, bob, 5)
    about = plan_abouts(team)
    for category in (Category.MISSION, Category.GOAL, Category.ROLE, Category.RESOURCE):
        services.add_plan_item(
            engagement=team, plan_kind=PROJECT, title=category, category=category, owner=dave, about=about[category], by=bob
        )
    services.add_control_indicator(
        engagement=team, title="Complaints", owner=dave, due_on=date(2026, 9, 30), unit="a month",
        baseline=Decimal("9"), target=Decimal("3"), direction="down", by=bob,
    )
    services.add_plan_item(
        engagement=team, plan_kind=PROJECT, title="Q3 report", category=Category.DEADLINE,
        owner=dave, due_on=date(2026, 9, 30), by=bob,
    )

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(team, 6), by=bob)

    assert refused.value.code == "stage_incomplete"
    assert "no responsibility in the collective plan for Frank Member, Grace Member" in refused.value.detail


def test_the_individual_plan_names_the_missing_categories(individual, alice, carol):
    complete_through(individual, alice, 5)
    services.add_plan_item(
        engagement=individual, plan_kind=PERSONAL, title="Walk at lunch", category=Category.WORK_LIFE, by=alice
    )

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 6), by=alice)

    assert "the personal plan has no item for hobbies, weak point to develop" in refused.value.detail
    assert "the project plan has no item for mission, goals, roles" in refused.value.detail


def test_plans_live_on_the_shared_action_plan_model(monitored):
    kinds = set(ActionItem.objects.filter(plan__engagement=monitored).values_list("plan__kind", flat=True))

    assert kinds == {PERSONAL, PROJECT}


def test_an_item_in_the_wrong_plan_is_refused(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(
            engagement=individual, plan_kind=PERSONAL, title="KPIs", category=Category.INDICATOR, by=alice
        )

    assert "category" in refused.value.message_dict


def test_a_compulsory_deadline_needs_its_date(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.add_plan_item(
            engagement=individual, plan_kind=PROJECT, title="Audit", category=Category.DEADLINE, by=alice
        )

    assert refused.value.message_dict["due_on"] == ["A compulsory deadline needs its date."]


def test_resources_and_plan_fillers_make_stages_complete(individual, alice):
    for number in (1, 3, 4):  # what the plan points at
        FILLERS[number](individual, alice)
    fill_resources(individual, alice)
    fill_action_plan(individual, alice)

    assert stage(individual, 5).missing_content() == []
    assert stage(individual, 6).missing_content() == []
