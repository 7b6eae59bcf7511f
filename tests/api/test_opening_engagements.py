"""Opening an engagement through the API: for a client the coach just registered, for a
returning one, for a team of both, with MPC's stages at once; a client the caller may
not see is as unknown as one that does not exist."""

from __future__ import annotations

from django.core import mail

from engagements import services
from engagements.models import Engagement
from mpc.models import Stage
from tests.conftest import client_for, open_for


def test_a_coach_opens_an_engagement_for_a_client_they_just_registered(alice, django_capture_on_commit_callbacks):
    api = client_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client = api.post("/api/v1/coachees/", {"email": "nina@example.com", "first_name": "Nina", "last_name": "New"}, format="json").json()

    response = api.post("/api/v1/engagements/", {"title": "Career", "coachees": [client["id"]]}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["coachees"] == [client["id"]] and response.json()["kind"] == "individual"
    assert [m.to for m in mail.outbox] == [["nina@example.com"]]  # registered clients are invited


def test_returning_and_new_clients_make_a_team_run_with_mpc(alice, carol):
    open_for(alice, carol, title="First round")

    response = client_for(alice).post(
        "/api/v1/engagements/",
        {
            "title": "Sales team",
            "coachees": [str(carol.coachee.public_id)],
            "newcomers": [{"first_name": "Nina", "last_name": "New", "email": "nina@example.com"}],
            "uses_mpc": True,
        },
        format="json",
    )

    body = response.json()
    assert response.status_code == 201 and body["kind"] == "team" and len(body["coachees"]) == 2
    assert Stage.objects.filter(engagement__public_id=body["id"]).count() == 7
    assert body["hours_used"] == "0.00"


def test_another_coachs_client_is_unknown(alice, bob, dave):
    open_for(bob, dave)

    response = client_for(alice).post("/api/v1/engagements/", {"title": "Poach", "coachees": [str(dave.coachee.public_id)]}, format="json")

    assert response.status_code == 400 and "coachees" in response.json()
    assert not Engagement.objects.filter(title="Poach").exists()


def test_nobody_to_coach_is_refused(alice):
    response = client_for(alice).post("/api/v1/engagements/", {"title": "Empty"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"coachees": ["Pick a returning client or add a new one."]}


def test_an_admin_names_the_lead_coach(ada, bob, carol):
    response = client_for(ada).post(
        "/api/v1/engagements/", {"title": "Assigned", "coach": str(bob.coach.public_id), "coachees": [str(carol.coachee.public_id)]}, format="json"
    )

    assert response.status_code == 201 and response.json()["coach"] == str(bob.coach.public_id)


def test_a_script_finds_a_returning_client_as_the_page_does(api, alice, bob, monkeypatch):
    """`?search=` on the clients matches name, email or organisation, within what the caller
    may see: the page's finder, for scripts that would otherwise page through every client."""
    for first, last, by in [("Anna", "Archer", alice), ("Denis", "Dupont", alice), ("Dora", "Dupuis", bob)]:
        services.add_coachee(by=by, first_name=first, last_name=last, email=f"{last.lower()}@example.com")

    def found(user, text: str) -> list[str]:
        response = api(user).get("/api/v1/coachees/", {"search": text})
        assert response.status_code == 200
        return [c["person"]["name"] for c in response.json()["results"]]

    assert found(alice, "DUP") == ["Denis Dupont"]  # bob's Dora is not alice's to see
    assert found(alice, "archer@") == ["Anna Archer"]
    assert found(bob, "dup") == ["Dora Dupuis"]
    assert found(alice, "zz") == []
    assert api(alice).get("/api/v1/coachees/", {"search": "x" * 101}).status_code == 400
