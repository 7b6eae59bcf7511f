"""What the coachee sees in their portal: the terms and hours, the exploratory summary
once shared, their own ratings beside the coach's, for MPC the mission, their roles and
the milestones they own (which they update), and the evaluation at the end — never a
team-mate's personal plan."""

from __future__ import annotations

import pytest

from engagements import services
from engagements.models import ActionPlan, SelfRating
from mpc import services as mpc
from mpc.models import Milestone
from tests.conftest import client_for, engagement_in
from tests.mpc.conftest import complete_through
from tests.pages.conftest import client_for as page_client


def test_the_terms_and_hours_are_shown(active, carol):
    html = page_client(carol).get("/my/").content.decode()

    assert "executive" in html and "Every two weeks" in html and "Remote" in html
    assert "0 used of 12 planned" in html
    assert "3600" not in html  # the budget is the sponsor's and coach's business


def test_the_exploratory_summary_appears_once_shared(active, alice, carol):
    services.revise_exploratory_session(engagement=active, summary="We agreed to start with delegation.", by=alice)
    before = page_client(carol).get("/my/").content.decode()
    api_before = client_for(carol).get(f"/api/v1/engagements/{active.public_id}/").json()["exploratory"]

    services.revise_exploratory_session(engagement=active, summary_shared=True, by=alice)

    assert "We agreed to start with delegation." not in before and api_before["summary"] is None
    assert "We agreed to start with delegation." in page_client(carol).get("/my/").content.decode()
    assert client_for(carol).get(f"/api/v1/engagements/{active.public_id}/").json()["exploratory"]["summary"] == "We agreed to start with delegation."


def test_the_coachee_rates_themself_at_the_start_and_at_the_assessment(active, alice, carol):
    objective = active.objectives.get()
    as_carol = page_client(carol)

    start = as_carol.post(f"/my/objectives/{objective.public_id}/rating/", {f"o{objective.public_id.hex[:12]}-rating": "2"}, HTTP_HX_REQUEST="true")
    services.transition_engagement(engagement=active, to="assessment", by=alice)
    as_carol.post(f"/my/objectives/{objective.public_id}/rating/", {f"o{objective.public_id.hex[:12]}-rating": "7"})

    assert start.status_code == 200 and "you, at the start: 2/10" in start.content.decode()
    assert dict(SelfRating.objects.filter(objective=objective).values_list("moment", "rating")) == {"start": 2, "final": 7}
    html = page_client(carol).get("/my/").content.decode()
    assert "your coach: start 3/10" in html and "you, at the assessment: 7/10" in html


def test_a_rating_out_of_range_is_refused_in_place(active, carol):
    objective = active.objectives.get()

    response = page_client(carol).post(f"/my/objectives/{objective.public_id}/rating/", {f"o{objective.public_id.hex[:12]}-rating": "11"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 422 and "less than or equal to 10" in response.content.decode()
    assert not SelfRating.objects.exists()


def test_the_coach_sees_every_members_own_rating_a_member_only_theirs(alice, carol, dave):
    from tests.conftest import activate, open_for

    team = activate(open_for(alice, carol, dave, title="Team"), alice)
    objective = team.objectives.get()
    services.rate_myself(objective=objective, rating=4, by=carol)
    services.rate_myself(objective=objective, rating=6, by=dave)

    coach_sees = client_for(alice).get(f"/api/v1/objectives/{objective.public_id}/").json()["self_ratings"]
    carol_sees = client_for(carol).get(f"/api/v1/objectives/{objective.public_id}/").json()["self_ratings"]

    assert sorted(r["rating"] for r in coach_sees) == [4, 6]
    assert [r["rating"] for r in carol_sees] == [4]


def test_the_evaluation_is_shown_at_the_end(alice, carol):
    engagement_in("closed", alice, carol)

    assert "Carol now delegates and trusts her team." in page_client(carol).get("/my/").content.decode()


@pytest.fixture
def mpc_team(bob, dave):
    from tests.factories import CoacheeFactory
    from tests.conftest import activate, open_for

    grace = CoacheeFactory(user__username="grace", user__first_name="Grace", user__last_name="Member").user
    team = activate(open_for(bob, dave, grace, title="Sales team", uses_mpc=True), bob)
    mpc.start_mpc(engagement=team, by=bob)
    complete_through(team, bob, 6)
    return team, grace


def test_a_member_sees_the_mission_their_roles_and_milestones_they_own(mpc_team, bob, dave):
    team, grace = mpc_team
    html = page_client(dave).get("/my/").content.decode()

    assert "The mission" in html and team.mpc_mission.statement.splitlines()[0] in html
    assert "My role" in html
    roles = list(team.mpc_roles.filter(holder=dave).values_list("title", flat=True))
    assert roles and all(title in html for title in roles)


def test_a_member_updates_a_milestone_they_own_from_the_portal(mpc_team, bob, dave):
    team, grace = mpc_team
    milestone = Milestone.objects.filter(goal__engagement=team).first()
    milestone.owner = dave
    milestone.save()
    prefix = f"m{milestone.public_id.hex[:12]}"

    response = page_client(dave).post(
        f"/my/milestones/{milestone.public_id}/progress/",
        {f"{prefix}-status": "in_progress", f"{prefix}-progress": "40", f"{prefix}-note": "Two of five accounts reviewed"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200 and "In progress · 40%" in response.content.decode()
    # The owner's note goes into the milestone's history, where the coach reads it at the check-in.
    assert list(milestone.updates.values_list("note", flat=True)) == ["Two of five accounts reviewed"]


def test_a_team_mate_never_sees_another_members_personal_plan(mpc_team, bob, dave):
    team, grace = mpc_team
    personal = services.plan_for(team, ActionPlan.Kind.PERSONAL)
    graces = services.add_action_item(plan=personal, title="Grace's own weak point", owner=grace, category="weak_point", by=bob)

    portal = page_client(dave).get("/my/").content.decode()
    api = client_for(dave).get(f"/api/v1/action-items/{graces.public_id}/")

    assert "Grace's own weak point" not in portal
    assert api.status_code == 404
    assert client_for(grace).get(f"/api/v1/action-items/{graces.public_id}/").status_code == 200
