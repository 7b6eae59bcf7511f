"""PATCH and DELETE on every MPC collection: one service call each, If-Match guarding
against lost updates, refusals as 400 (a field), 409 (a rule) or 404 (out of scope)."""

from __future__ import annotations

from datetime import date

import pytest

from engagements.models import ActionItem, Engagement, EngagementEvent
from mpc.models import ActivityFlow, Customer, Goal, Milestone, Mission, Partner, Resource, Role, TeamObservation
from sessions_grow import services as grow
from tests.conftest import client_for
from tests.mpc.conftest import FILLERS, complete_through, fill_person_audit

V1 = "/api/v1/mpc"


@pytest.fixture
def filled(individual, alice) -> Engagement:
    """alice's MPC engagement with carol, stages 1–5 written but none marked done."""
    for number in range(1, 6):
        FILLERS[number](individual, alice)
    return individual


def etag_of(client, url: str) -> str:
    return client.get(url)["ETag"]


# (collection, model, a change in the API's words, the field and value it stores)
PATCHES = [
    ("customers", Customer, {"expectations": "Daily figures"}, ("expectations", "Daily figures")),
    ("partners", Partner, {"part": "Hosts the dashboard"}, ("part", "Hosts the dashboard")),
    ("missions", Mission, {"aspirations": "Lead the region"}, ("aspirations", "Lead the region")),
    ("goals", Goal, {"deadline": "2026-11-30"}, ("deadline", date(2026, 11, 30))),
    ("activity-flows", ActivityFlow, {"name": "Monday reporting"}, ("name", "Monday reporting")),
    ("resources", Resource, {"name": "Power BI"}, ("name", "Power BI")),
    ("roles", Role, {"title": "Reporting owner"}, ("title", "Reporting owner")),
]


@pytest.mark.parametrize(("collection", "model", "body", "stored"), PATCHES, ids=[p[0] for p in PATCHES])
def test_the_coach_patches_any_field_of_a_record(filled, alice, collection, model, body, stored):
    record = model.objects.filter(engagement=filled).first()

    response = client_for(alice).patch(f"{V1}/{collection}/{record.public_id}/", body, format="json")

    assert response.status_code == 200, response.json()
    record.refresh_from_db()
    assert getattr(record, stored[0]) == stored[1]
    assert response["ETag"]


def test_a_patch_answers_with_the_record_and_its_new_etag(filled, alice):
    customer = Customer.objects.filter(engagement=filled).first()
    url = f"{V1}/customers/{customer.public_id}/"
    client = client_for(alice)
    before = etag_of(client, url)

    response = client.patch(url, {"name": "Wholesale"}, format="json", HTTP_IF_MATCH=before)

    assert response.json()["name"] == "Wholesale"
    assert response["ETag"] != before and response["ETag"] == etag_of(client, url)


def test_a_patch_over_someone_elses_change_is_refused_with_412(filled, alice):
    customer = Customer.objects.filter(engagement=filled).first()
    url = f"{V1}/customers/{customer.public_id}/"
    client = client_for(alice)
    stale = etag_of(client, url)
    client.patch(url, {"name": "Wholesale"}, format="json")

    response = client.patch(url, {"expectations": "Nothing"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    customer.refresh_from_db()
    assert (customer.name, customer.expectations) == ("Wholesale", "Weekly figures")


def test_a_delete_over_someone_elses_change_is_refused_with_412(filled, alice):
    partner = Partner.objects.filter(engagement=filled).first()
    url = f"{V1}/partners/{partner.public_id}/"
    client = client_for(alice)
    stale = etag_of(client, url)
    client.patch(url, {"part": "Builds and hosts the dashboard"}, format="json")

    response = client.delete(url, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_an_unknown_or_fixed_field_is_refused(filled, alice, bobs):
    customer = Customer.objects.filter(engagement=filled).first()

    response = client_for(alice).patch(
        f"{V1}/customers/{customer.public_id}/", {"engagement": str(bobs.public_id)}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"engagement": ["Unknown field."]}


def test_the_coach_deletes_a_record(filled, alice):
    resource = Resource.objects.filter(engagement=filled).first()
    url = f"{V1}/resources/{resource.public_id}/"
    client = client_for(alice)

    response = client.delete(url)

    assert response.status_code == 204
    assert client.get(url).status_code == 404
    assert EngagementEvent.objects.filter(engagement=filled, action="mpc.resource_withdrawn").exists()


def test_deleting_a_goal_with_milestones_is_refused_with_409_naming_them(filled, alice):
    goal = Goal.objects.get(engagement=filled, title="Better team atmosphere")

    response = client_for(alice).delete(f"{V1}/goals/{goal.public_id}/")

    assert response.status_code == 409
    assert response.json() == {"code": "has_dependents", "detail": "this goal still has the milestone “Monthly team retro”"}


def test_a_done_stage_refuses_with_409(individual, alice):
    complete_through(individual, alice, 2)
    customer = Customer.objects.filter(engagement=individual).first()

    response = client_for(alice).patch(f"{V1}/customers/{customer.public_id}/", {"name": "Wholesale"}, format="json")

    assert response.status_code == 409
    assert response.json()["detail"] == "stage 2 (project audit) is done: reopen it to change a customer"


def test_another_engagements_record_is_unknown(filled, bob):
    customer = Customer.objects.filter(engagement=filled).first()
    url = f"{V1}/customers/{customer.public_id}/"

    answers = {client_for(bob).patch(url, {"name": "Mine"}, format="json").status_code, client_for(bob).delete(url).status_code}

    assert answers == {404}
    assert Customer.objects.get(pk=customer.pk).name == "Retail division"


# --- milestones -------------------------------------------------------------------


def test_a_milestone_rescheduled_after_its_goals_deadline_is_refused_beside_the_date(filled, alice):
    milestone = Milestone.objects.filter(goal__engagement=filled).first()

    response = client_for(alice).patch(f"{V1}/milestones/{milestone.public_id}/", {"due_on": "2027-02-01"}, format="json")

    assert response.status_code == 400
    assert "after its goal’s deadline" in response.json()["due_on"][0]
    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2026, 6, 30)


def test_one_milestone_patch_reschedules_and_reports_progress(monitored, alice):
    milestone = Milestone.objects.filter(goal__engagement=monitored).first()

    response = client_for(alice).patch(
        f"{V1}/milestones/{milestone.public_id}/", {"title": "Q3 at 120k", "due_on": "2026-09-30", "progress": 40}, format="json"
    )

    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("title", "due_on", "progress", "status")} == {
        "title": "Q3 at 120k", "due_on": "2026-09-30", "progress": 40, "status": "in_progress",
    }


def test_the_owner_reports_progress_but_does_not_reschedule(monitored, carol):
    milestone = Milestone.objects.filter(goal__engagement=monitored, owner=carol).first()
    url = f"{V1}/milestones/{milestone.public_id}/"

    progress = client_for(carol).patch(url, {"progress": 30}, format="json")
    moved = client_for(carol).patch(url, {"due_on": "2026-09-30"}, format="json")

    assert (progress.status_code, moved.status_code) == (200, 403)
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.due_on) == (30, date(2026, 6, 30))


# --- team observations and plan items ----------------------------------------------


def test_a_team_observation_is_patched_and_deleted(team, bob, dave):
    fill_person_audit(team, bob)
    note = TeamObservation.objects.filter(engagement=team, member=dave).get()
    url = f"{V1}/team-observations/{note.public_id}/"
    client = client_for(bob)

    patched = client.patch(url, {"rating": 8}, format="json")
    deleted = client.delete(url)

    assert (patched.status_code, patched.json()["rating"]) == (200, 8)
    assert deleted.status_code == 204 and not TeamObservation.objects.filter(pk=note.pk).exists()


def test_a_plan_item_is_patched_and_deleted(individual, alice, carol):
    complete_through(individual, alice, 5)
    FILLERS[6](individual, alice)
    item = ActionItem.objects.get(plan__engagement=individual, category=ActionItem.Category.HOBBY)
    url = f"{V1}/plan-items/{item.public_id}/"
    client = client_for(alice)

    patched = client.patch(url, {"title": "Climbing", "due_on": "2026-05-01"}, format="json")
    deleted = client.delete(url)

    assert patched.status_code == 200 and patched.json()["title"] == "Climbing"
    assert deleted.status_code == 204 and not ActionItem.objects.filter(pk=item.pk).exists()


def test_a_grow_sessions_action_is_no_plan_item(individual, alice, now):
    session = grow.hold_session(
        session=grow.schedule_session(engagement=individual, scheduled_at=now, by=alice), duration_minutes=60, by=alice
    )
    action = grow.agree_action(session=session, title="Call the supplier", by=alice)

    response = client_for(alice).delete(f"{V1}/plan-items/{action.public_id}/")

    assert response.status_code == 404
    assert ActionItem.objects.filter(pk=action.pk).exists()
