"""Every MPC lookup goes through visible_to: an outsider coach or coachee sees nothing."""

from datetime import date

import pytest

from mpc import services
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    ControlIndicator,
    ControlReading,
    Customer,
    Factor,
    Goal,
    GoalRating,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    PlanLink,
    Resource,
    Role,
    Stage,
    TeamObservation,
)
from engagements.models import ActionItem
from tests.conftest import activate, open_for
from tests.conftest import client_for as api_client
from tests.mpc.conftest import PERSONAL, complete_through, fill_person_audit, open_goals_rated
from tests.pages.conftest import client_for as page_client

MODELS = [
    Stage, AuditRating, Customer, Partner, Factor, Mission, Goal, Milestone, ActivityFlow,
    Resource, Role, CheckIn, IndicatorReading, MilestoneUpdate, GoalRating, PlanLink, ControlIndicator, ControlReading,
]


@pytest.fixture
def checked_in(monitored, alice):
    goal = Goal.objects.get(engagement=monitored, title="Grow turnover")
    milestone = goal.milestones.get()
    services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=date(2026, 4, 1), by=alice,
        readings=[services.Reading(goal=goal, value=100500, unit="EUR")], milestone_progress={milestone: 10},
        indicator_readings=[services.IndicatorValue(indicator=ControlIndicator.objects.get(item__plan__engagement=monitored), value=9, unit="complaints")],
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
    fill_person_audit(team, bob)
    services.observe_team(engagement=team, aspect="trust", observation="Meetings end on time.", by=bob)

    seen_by_dave = TeamObservation.objects.visible_to(dave)

    assert {o.member for o in seen_by_dave} == {None, dave}
    assert TeamObservation.objects.visible_to(bob).count() == 4
    assert not TeamObservation.objects.visible_to(frank).filter(member=dave).exists()


# --- a member's personal plan stays theirs and their coach's --------------------------


@pytest.fixture
def planned_team(team, bob, dave, frank):
    """The team through stage 5, with a personal item for dave and one for frank."""
    complete_through(team, bob, 5)
    weak_point = team.audit_ratings.first()
    for member in (dave, frank):
        services.add_plan_item(
            engagement=team, plan_kind=PERSONAL, title=f"{member.first_name}'s weak point", category="weak_point",
            about=weak_point, owner=member, by=bob,
        )
    return team


def test_a_team_mate_cannot_read_another_members_personal_plan_through_the_api(planned_team, bob, dave, frank):
    def titles(user) -> set[str]:
        rows = api_client(user).get("/api/v1/action-items/", {"plan__kind": "personal"}).json()["results"]
        return {row["title"] for row in rows}

    assert titles(dave) == {"Dave's weak point"}
    assert titles(frank) == {"Frank's weak point"}
    assert titles(bob) == {"Dave's weak point", "Frank's weak point"}


def test_a_team_mate_gets_404_for_another_members_personal_item(planned_team, dave, frank):
    franks = ActionItem.objects.get(title="Frank's weak point")

    assert api_client(dave).get(f"/api/v1/action-items/{franks.public_id}/").status_code == 404
    assert api_client(dave).patch(f"/api/v1/mpc/plan-items/{franks.public_id}/", {}, format="json").status_code == 404
    assert api_client(frank).get(f"/api/v1/action-items/{franks.public_id}/").status_code == 200


def test_a_team_mate_does_not_see_another_members_personal_plan_in_the_portal(planned_team, dave):
    html = page_client(dave).get("/my/").content.decode()

    assert "Dave&#x27;s weak point" in html and "Frank&#x27;s weak point" not in html


def test_the_printed_plan_is_the_coachs_alone(planned_team, dave):
    assert page_client(dave).get(f"/engagements/{planned_team.public_id}/mpc/plan/").status_code == 403
