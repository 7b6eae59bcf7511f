"""Stages 5 and 6: resources and roles; the personal and the project (collective) plans."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from engagements.models import ActionItem
from engagements.services import RuleBroken
from mpc import services
from mpc.models import Resource, Role
from tests.mpc.conftest import (
    PERSONAL,
    PROJECT,
    complete_through,
    fill_action_plan,
    fill_resources,
    stage,
)

Category = ActionItem.Category


def test_a_team_role_for_someone_outside_the_team_is_refused(team, bob, eve):
    with pytest.raises(ValidationError) as refused:
        services.assign_role(engagement=team, holder=eve, title="Lead", responsibilities="Leads", by=bob)

    assert refused.value.message_dict["holder"] == ["Eve Outsider is not a member of this team."]
    assert not Role.objects.exists()


def test_the_coach_holds_no_role_in_the_project(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.assign_role(engagement=individual, holder=alice, title="Lead", responsibilities="-", by=alice)

    assert refused.value.message_dict["holder"] == ["Alice Coach is not this engagement's coachee."]


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

    assert refused.value.message_dict["owner"] == ["Eve Outsider is not a member of this team."]
    assert not ActionItem.objects.filter(plan__engagement=team).exists()


def test_the_team_plan_cannot_finish_while_a_member_has_no_responsibility(team, bob, dave):
    complete_through(team, bob, 5)
    for category in (Category.MISSION, Category.GOAL, Category.ROLE, Category.RESOURCE, Category.INDICATOR):
        services.add_plan_item(
            engagement=team, plan_kind=PROJECT, title=category, category=category, owner=dave, by=bob
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
    fill_resources(individual, alice)
    fill_action_plan(individual, alice)

    assert stage(individual, 5).missing_content() == []
    assert stage(individual, 6).missing_content() == []
