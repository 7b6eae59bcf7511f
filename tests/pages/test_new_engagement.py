"""Opening an engagement from the browser: for a new client or a returning one, one
person or a team, with MPC's stages laid out at once; mistakes keep what was typed."""

from __future__ import annotations

from django.core import mail

from engagements import services
from engagements.models import Coachee, Engagement
from mpc.models import Stage
from tests.conftest import open_for
from tests.pages.conftest import NINA, new_engagement_form


def test_a_new_client_gets_an_engagement_and_an_invitation(as_alice, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post("/engagements/new/", new_engagement_form(newcomers=[NINA]))

    engagement = alice.coach.engagements.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/engagements/{engagement.public_id}/exploratory/")
    assert (engagement.kind, [str(c) for c in engagement.coachees.all()]) == ("individual", ["Nina New"])
    assert [m.to for m in mail.outbox] == [["nina@example.com"]]


def test_a_returning_client_is_picked_not_registered_again(as_alice, alice, carol, django_capture_on_commit_callbacks):
    open_for(alice, carol, title="First round")

    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post("/engagements/new/", new_engagement_form(title="Second round", returning=[carol.coachee]))

    second = alice.coach.engagements.get(title="Second round")
    assert list(second.coachees.all()) == [carol.coachee]
    assert mail.outbox == []  # carol already has her login


def test_returning_and_new_people_make_a_team_run_with_mpc_from_the_start(as_alice, alice, carol):
    open_for(alice, carol, title="First round")

    as_alice.post(
        "/engagements/new/",
        new_engagement_form(title="Sales team", returning=[carol.coachee], newcomers=[NINA], uses_mpc="on"),
    )

    team = alice.coach.engagements.get(title="Sales team")
    assert team.kind == Engagement.Kind.TEAM and team.uses_mpc
    assert sorted(str(c) for c in team.coachees.all()) == ["Carol Client", "Nina New"]
    assert list(Stage.objects.filter(engagement=team).values_list("number", "status")) == [(n, "not_started") for n in range(1, 8)]


def test_a_client_the_coach_added_is_theirs_to_pick_later(as_alice, alice):
    nina = services.add_coachee(by=alice, **NINA)

    page = as_alice.get("/engagements/new/").content.decode()

    assert str(nina.public_id) in page and "Nina New" in page


def test_another_coachs_client_cannot_be_picked(as_alice, alice, bob, dave):
    open_for(bob, dave)

    response = as_alice.post("/engagements/new/", new_engagement_form(returning=[dave.coachee]))

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not alice.coach.engagements.exists()


def test_an_email_already_registered_is_refused_beside_it_and_nothing_is_opened(as_alice, alice, eve):
    taken = NINA | {"email": eve.email}

    response = as_alice.post("/engagements/new/", new_engagement_form(newcomers=[taken]))

    html = response.content.decode()
    assert response.status_code == 422
    assert "A person with this email is already registered." in html
    assert 'value="Nina"' in html  # what was typed is still there
    assert not alice.coach.engagements.exists()


def test_nobody_to_coach_is_refused_with_a_sentence(as_alice, alice):
    response = as_alice.post("/engagements/new/", new_engagement_form())

    assert response.status_code == 422
    assert "Pick a returning client or add a new one." in response.content.decode()


def test_adding_another_new_client_keeps_what_was_typed(as_alice, alice):
    response = as_alice.post("/engagements/new/", new_engagement_form(title="Sales team", newcomers=[NINA], more="1"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Sales team"' in html and 'value="Nina"' in html
    assert 'name="newcomers-1-first_name"' in html
    assert not alice.coach.engagements.exists()


def test_an_admin_opens_an_engagement_for_a_coach(as_ada, bob, carol):
    as_ada.post("/engagements/new/", new_engagement_form(returning=[carol.coachee], coach=str(bob.coach.public_id)))

    assert list(bob.coach.engagements.values_list("title", flat=True)) == ["Career"]


def test_a_coachee_cannot_open_an_engagement(as_carol):
    assert as_carol.get("/engagements/new/").status_code == 403


def test_a_practice_of_many_clients_lists_a_few_and_finds_the_others(as_alice, alice, monkeypatch):
    """The page lists RETURNING_SHOWN clients at most (10,000 clients made it 2 MB); the
    finder narrows them by name, and a client picked stays picked through the next find."""
    monkeypatch.setattr("coaching.forms.RETURNING_SHOWN", 2)
    for first, last in [("Anna", "Archer"), ("Bruno", "Baker"), ("Chloé", "Carter"), ("Denis", "Dupont")]:
        services.add_coachee(by=alice, first_name=first, last_name=last, email=f"{last.lower()}@example.com")

    page = as_alice.get("/engagements/new/").content.decode()
    assert "Anna Archer" in page and "Bruno Baker" in page and "Denis Dupont" not in page
    assert "Listed: the first 2 of your 4 clients by name." in page

    # She types a title, finds Denis, picks him, then finds Chloé: nothing typed is lost.
    found = as_alice.post("/engagements/new/", new_engagement_form(title="Two leads", find_client="dup", find="1"))
    page = found.content.decode()
    assert found.status_code == 200 and "Denis Dupont" in page and "Anna Archer" not in page
    assert 'value="Two leads"' in page and "This field is required" not in page
    denis, chloe = Coachee.objects.get(user__last_name="Dupont"), Coachee.objects.get(user__last_name="Carter")
    again = as_alice.post("/engagements/new/", new_engagement_form(title="Two leads", returning=[denis], find_client="carter", find="1"))
    page = again.content.decode()
    assert "Chloé Carter" in page and f'value="{denis.public_id}" id="id_coachees_0" checked' in page

    # Opening it takes both, the one found first and the one found last.
    with_both = new_engagement_form(title="Two leads", returning=[denis, chloe], find_client="carter")
    assert as_alice.post("/engagements/new/", with_both).status_code == 302
    assert sorted(str(c) for c in alice.coach.engagements.get(title="Two leads").coachees.all()) == ["Chloé Carter", "Denis Dupont"]


def test_a_search_that_finds_nobody_says_so(as_alice, alice, monkeypatch):
    monkeypatch.setattr("coaching.forms.RETURNING_SHOWN", 1)
    services.add_coachee(by=alice, first_name="Anna", last_name="Archer", email="anna@example.com")
    services.add_coachee(by=alice, first_name="Bruno", last_name="Baker", email="bruno@example.com")

    page = as_alice.post("/engagements/new/", new_engagement_form(find_client="zz", find="1")).content.decode()

    assert "No client matches: try part of a name, or add them as a new client below." in page
