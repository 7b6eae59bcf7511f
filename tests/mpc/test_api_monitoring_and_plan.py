"""The API speaks the same rules as the pages: measurable control indicators and their
readings, plan items about this engagement's records, the next goal and the mission's end."""

from __future__ import annotations

import pytest

from engagements.models import ActionItem
from mpc.models import ControlIndicator, ControlReading, Milestone
from tests.conftest import activate, client_for, open_for
from tests.mpc.conftest import complete_through, start

V1 = "/api/v1/mpc"


@pytest.fixture
def indicator(monitored) -> ControlIndicator:
    return ControlIndicator.objects.get(item__plan__engagement=monitored)


def test_a_control_indicator_is_added_with_its_measure(individual, alice, carol):
    complete_through(individual, alice, 5)

    response = client_for(alice).post(f"{V1}/indicators/", {
        "engagement": str(individual.public_id), "title": "Offers answered within a day", "owner": str(carol.public_id),
        "due_on": "2026-10-01", "unit": "%", "baseline": "60.00", "target": "90.00", "direction": "up",
    }, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "Offers answered within a day" and response.json()["direction"] == "up"
    assert ActionItem.objects.get(title="Offers answered within a day").category == "indicator"


def test_the_owner_reads_the_indicator_and_a_wrong_unit_is_refused(monitored, indicator, carol):
    client = client_for(carol)
    body = {"indicator": str(indicator.public_id), "value": "8.00", "read_on": "2026-04-01"}

    wrong = client.post(f"{V1}/indicator-readings/", body | {"unit": "%"}, format="json")
    right = client.post(f"{V1}/indicator-readings/", body | {"unit": "complaints"}, format="json")

    assert wrong.status_code == 400
    assert wrong.json() == {"unit": ["The value is in “%” but “Customer complaints a month” is measured in “complaints”."]}
    assert right.status_code == 201 and ControlReading.objects.count() == 1


def test_a_plan_item_about_another_engagements_goal_is_refused(monitored, alice, carol):
    other = start(activate(open_for(alice, carol, uses_mpc=True, title="Elsewhere"), alice), alice)
    complete_through(other, alice, 5)
    services_reopened = client_for(alice).post(f"{V1}/stages/{monitored.mpc_stages.get(number=6).public_id}/reopen/")
    theirs = other.mpc_goals.first()

    response = client_for(alice).post(f"{V1}/plan-items/", {
        "engagement": str(monitored.public_id), "plan_kind": "project", "title": "Borrowed", "category": "goal",
        "about": str(theirs.public_id),
    }, format="json")

    assert services_reopened.status_code == 200
    assert response.status_code == 400
    assert "belongs to another engagement" in response.json()["about"][0]
    assert not ActionItem.objects.filter(title="Borrowed").exists()


def test_a_plan_item_shows_what_it_is_about(monitored, alice):
    item = ActionItem.objects.get(plan__engagement=monitored, category="goal")
    services_reopened = client_for(alice).post(f"{V1}/stages/{monitored.mpc_stages.get(number=6).public_id}/reopen/")

    response = client_for(alice).patch(f"{V1}/plan-items/{item.public_id}/", {"title": "Review monthly"}, format="json")

    assert services_reopened.status_code == 200
    assert response.json()["about"] == {"kind": "goal", "id": str(item.mpc_link.goal.public_id), "title": "Grow turnover"}


def test_the_next_goal_on_an_unreached_milestone_is_refused(monitored, alice):
    milestone = Milestone.objects.filter(goal__engagement=monitored).first()

    response = client_for(alice).post(f"{V1}/milestones/{milestone.public_id}/next-goal/", {
        "title": "Too early", "kind": "qualitative", "deadline": "2026-12-01", "success_sign": "Calm",
    }, format="json")

    assert response.status_code == 409 and response.json()["code"] == "milestone_not_reached"


def test_the_mission_is_completed_once_nothing_is_left_to_reach(monitored, alice):
    mission = monitored.mpc_mission
    client = client_for(alice)
    early = client.post(f"{V1}/missions/{mission.public_id}/complete/", {"completed_on": "2026-04-01", "closing_note": "Done"}, format="json")
    atmosphere = monitored.mpc_goals.get(kind="qualitative")
    client.post(f"{V1}/check-ins/", {
        "engagement": str(monitored.public_id), "held_on": "2026-04-01", "ratings": [{"goal": str(atmosphere.public_id), "rating": 8}],
        "milestone_progress": [{"milestone": str(m.public_id), "progress": 100} for m in Milestone.objects.filter(goal__engagement=monitored)],
    }, format="json")

    done = client.post(f"{V1}/missions/{mission.public_id}/complete/", {"completed_on": "2026-04-02", "closing_note": "Done"}, format="json")

    assert early.status_code == 409 and early.json()["code"] == "mission_not_reached"
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["completed_on"]) == ("complete", "2026-04-02")
    assert monitored.mpc_stages.get(number=7).status == "done"
