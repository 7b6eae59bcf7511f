"""Lists of the practice's people come a page at a time, not ten thousand at once: the
clients, the sponsors and the sponsors' contacts."""

from __future__ import annotations

from engagements.views import people
from tests.factories import CoacheeFactory, OrganisationFactory, SponsorFactory


def test_clients_come_a_page_at_a_time(as_ada, monkeypatch):
    monkeypatch.setattr(people, "CLIENTS_PAGE", 2)
    for last_name in ("Adams", "Baker", "Clark"):
        CoacheeFactory(user__last_name=last_name)

    first = as_ada.get("/clients/").content.decode()
    second = as_ada.get("/clients/?page=2").content.decode()

    assert "Adams" in first and "Baker" in first and "Clark" not in first and "Next page" in first
    assert "Clark" in second and "Adams" not in second and "Previous page" in second


def test_sponsors_and_their_contacts_page_each_on_their_own(as_ada, monkeypatch):
    monkeypatch.setattr(people, "SPONSORS_PAGE", 2)
    acme, brill, corto = (OrganisationFactory(name=name) for name in ("Acme", "Brill", "Corto"))
    for organisation, last_name in ((acme, "Alder"), (brill, "Birch"), (corto, "Cedar")):
        SponsorFactory(organisation=organisation, user__last_name=last_name)

    first = as_ada.get("/sponsors/").content.decode()
    # The second page of contacts keeps the first page of sponsors, and its link back says so.
    contacts = as_ada.get("/sponsors/?contacts=2").content.decode()
    both = as_ada.get("/sponsors/?page=2&contacts=2").content.decode()

    assert "<strong>Acme</strong>" in first and "<strong>Corto</strong>" not in first and "Alder" in first and "Cedar" not in first
    assert 'href="?contacts=2"' in first and 'href="?page=2"' in first
    assert "<strong>Acme</strong>" in contacts and "Cedar" in contacts and "Alder" not in contacts
    assert "<strong>Corto</strong>" in both and "Cedar" in both and 'href="?contacts=2&amp;page=1"' in both


def test_an_engagements_history_pages_back_to_its_first_act(active, alice, monkeypatch):
    """The history shows its newest acts; older ones are a page further, none out of reach
    (it used to stop at the newest hundred)."""
    from engagements.services.guards import record_event
    from engagements.views import engagement as engagement_views
    from tests.pages.conftest import client_for

    monkeypatch.setattr(engagement_views, "HISTORY_PAGE", 3)
    for n in range(1, 5):
        record_event(engagement=active, by=alice, action="engagement.revised", reason=f"Note {n}")
    as_alice = client_for(alice)

    first = as_alice.get(f"/engagements/{active.public_id}/").content.decode()
    last_page = active.events.count() // 3 + (active.events.count() % 3 > 0)
    oldest = as_alice.get(f"/engagements/{active.public_id}/?history={last_page}").content.decode()

    assert "“Note 4”" in first and "“Note 1”" not in first and 'href="?history=2#history"' in first
    assert '<details class="card" id="history" open>' in oldest and "Opened the engagement" in oldest and "Previous page" in oldest
