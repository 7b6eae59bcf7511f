"""Refusals tell nothing about what lies outside the caller's scope: a person's id
outside it reads exactly like an id that does not exist, in every owner or member field;
the role is checked before any uniqueness."""

from __future__ import annotations

import uuid

import pytest

from coaching.tokens import issue_token
from engagements.services import NOT_A_PARTICIPANT
from mpc import services as mpc_services
from tests.conftest import activate, client_for, open_for
from tests.factories import OrganisationFactory
from tests.mpc.conftest import complete_through


@pytest.fixture
def mpc_engagement(alice, carol):
    """alice's MPC engagement with carol, stages 1–5 done: roles, plans and milestones open."""
    engagement = activate(open_for(alice, carol, title="Project", uses_mpc=True), alice)
    mpc_services.start_mpc(engagement=engagement, by=alice)
    complete_through(engagement, alice, 5)
    return engagement


def person_fields(held, mpc_engagement) -> dict[str, tuple[str, dict, str]]:
    """Every API operation that names a person: (path, body without the person, field)."""
    engagement = str(mpc_engagement.public_id)
    goal = mpc_engagement.mpc_goals.first()
    return {
        "agreed action owner": (f"/api/v1/sessions/{held.public_id}/actions/", {"title": "Call Sam"}, "owner"),
        "action item owner": ("/api/v1/action-items/", {"plan": str(held.agreed_items.get().plan.public_id), "title": "Call Sam"}, "owner"),
        "role holder": ("/api/v1/mpc/roles/", {"engagement": engagement, "title": "Lead", "responsibilities": "All"}, "holder"),
        "plan item owner": (
            "/api/v1/mpc/plan-items/",
            {"engagement": engagement, "plan_kind": "project", "title": "Own the CRM", "category": "resource"},
            "owner",
        ),
        "milestone owner": ("/api/v1/mpc/milestones/", {"goal": str(goal.public_id), "title": "Half", "due_on": "2026-12-01"}, "owner"),
        "activity flow owner": ("/api/v1/mpc/activity-flows/", {"engagement": engagement, "name": "Sales"}, "owner"),
    }


@pytest.mark.parametrize(
    "operation",
    ["agreed action owner", "action item owner", "role holder", "plan item owner", "milestone owner", "activity flow owner"],
)
def test_a_person_outside_the_callers_scope_reads_like_an_unknown_id(operation, held, mpc_engagement, alice, bobs, dave, eve):
    path, body, field = person_fields(held, mpc_engagement)[operation]
    client = client_for(alice)

    answers = {
        who: client.post(path, {**body, field: person_id}, format="json")
        for who, person_id in [("dave", str(dave.public_id)), ("eve", str(eve.public_id)), ("nobody", str(uuid.uuid4()))]
    }

    shapes = {who: (response.status_code, response.json()) for who, response in answers.items()}
    assert shapes["dave"] == shapes["eve"] == shapes["nobody"] == (400, {field: [NOT_A_PARTICIPANT]})
    assert "Dave" not in str(shapes) and "Eve" not in str(shapes)


def test_a_coachee_learns_nothing_about_organisation_names(carol):
    OrganisationFactory(name="Acme Holdings")
    client = client_for(carol)

    taken = client.post("/api/v1/organisations/", {"name": "Acme Holdings"}, format="json")
    free = client.post("/api/v1/organisations/", {"name": "Nobody Ltd"}, format="json")

    assert (taken.status_code, taken.json()) == (free.status_code, free.json()) == (403, free.json())


def test_a_coach_still_hears_that_a_name_is_taken(alice):
    OrganisationFactory(name="Acme Holdings")

    taken = client_for(alice).post("/api/v1/organisations/", {"name": "Acme Holdings"}, format="json")

    assert taken.status_code == 400 and "name" in taken.json()


def test_an_unknown_token_and_a_revoked_one_read_the_same(bob):
    token, key = issue_token(user=bob)
    token.delete()
    unknown = client_for(None)
    unknown.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)
    revoked = client_for(None)
    revoked.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert unknown.get("/api/v1/engagements/").json() == revoked.get("/api/v1/engagements/").json()
