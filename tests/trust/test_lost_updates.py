"""Editing an object someone changed meanwhile is refused, never silently overwritten."""

from __future__ import annotations

from decimal import Decimal

from engagements import services
from kit.versions import version_of
from tests.conftest import COMPLETE_TERMS, client_for


def test_a_read_carries_the_version_as_an_etag(active, alice):
    client = client_for(alice)

    response = client.get(f"/api/v1/engagements/{active.public_id}/")

    assert response.status_code == 200
    assert response["ETag"].startswith('"') and active.public_id.hex in response["ETag"]


def test_a_write_with_the_current_etag_succeeds_and_returns_the_new_one(active, alice):
    client = client_for(alice)
    etag = client.get(f"/api/v1/engagements/{active.public_id}/")["ETag"]

    response = client.patch(
        f"/api/v1/engagements/{active.public_id}/", {"planned_hours": "14.00"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_write_with_a_stale_etag_is_refused_with_412_and_changes_nothing(active, alice):
    client = client_for(alice)
    stale = client.get(f"/api/v1/engagements/{active.public_id}/")["ETag"]
    client.patch(f"/api/v1/engagements/{active.public_id}/", {"planned_hours": "14.00"}, format="json")

    response = client.patch(
        f"/api/v1/engagements/{active.public_id}/", {"planned_hours": "99.00"}, format="json", HTTP_IF_MATCH=stale
    )

    assert response.status_code == 412
    active.refresh_from_db()
    assert active.planned_hours == Decimal("14.00")


def test_a_stale_etag_also_guards_state_changes(active, alice):
    client = client_for(alice)
    stale = client.get(f"/api/v1/engagements/{active.public_id}/")["ETag"]
    client.patch(f"/api/v1/engagements/{active.public_id}/", {"coaching_type": "career"}, format="json")

    response = client.post(
        f"/api/v1/engagements/{active.public_id}/transitions/", {"to": "paused"}, format="json", HTTP_IF_MATCH=stale
    )

    assert response.status_code == 412
    active.refresh_from_db()
    assert active.state == "active"


def test_without_if_match_the_write_goes_through(active, alice):
    response = client_for(alice).patch(f"/api/v1/engagements/{active.public_id}/", {"coaching_type": "career"}, format="json")

    assert response.status_code == 200


def test_a_coachee_updating_an_action_item_is_guarded_too(held, alice, carol):
    item = held.agreed_items.get()
    carol_client = client_for(carol)
    etag = carol_client.get(f"/api/v1/action-items/{item.public_id}/")["ETag"]
    client_for(alice).patch(f"/api/v1/action-items/{item.public_id}/", {"progress": 30}, format="json")

    response = carol_client.patch(f"/api/v1/action-items/{item.public_id}/", {"progress": 80}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    item.refresh_from_db()
    assert item.progress == 30


def terms_post(version: str, **changes) -> dict:
    return {**{k: ("" if v is None else v) for k, v in COMPLETE_TERMS.items()}, **changes, "version": version}


def test_the_terms_page_refuses_to_overwrite_a_change_and_shows_both_versions(exploratory, alice, client):
    client.force_login(alice)
    read_at = version_of(exploratory)
    services.set_terms(engagement=exploratory, planned_hours=Decimal("20"), by=alice)  # someone else, meanwhile

    response = client.post(f"/engagements/{exploratory.public_id}/exploratory/terms/", terms_post(read_at, planned_hours="30"))

    exploratory.refresh_from_db()
    assert exploratory.planned_hours == Decimal("20")
    page = response.content.decode()
    assert "Changed meanwhile" in page
    assert "30" in page and "20.00" in page


def test_the_terms_page_saves_when_nothing_changed_meanwhile(exploratory, alice, client):
    client.force_login(alice)

    response = client.post(
        f"/engagements/{exploratory.public_id}/exploratory/terms/", terms_post(version_of(exploratory), planned_hours="30")
    )

    assert response.status_code == 302
    exploratory.refresh_from_db()
    assert exploratory.planned_hours == Decimal("30")
