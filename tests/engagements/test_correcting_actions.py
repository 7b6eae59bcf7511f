"""A coach corrects an action's title, owner, due date or kind, or deletes one put on a
plan by mistake; the rules of adding hold for editing, and a finished engagement's plan
no longer changes — on the pages and through the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements import services
from engagements.models import ActionItem, EngagementEvent
from kit.versions import version_of
from tests.conftest import client_for, prepare_closing
from tests.pages.conftest import client_for as page_client

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item(held) -> ActionItem:
    return held.agreed_items.get()


def test_the_coach_hands_an_action_to_someone_else_with_a_new_date(item, alice):
    due = date(2026, 3, 1)

    services.revise_action_item(item=item, owner=alice, due_on=due, by=alice)

    item.refresh_from_db()
    assert (item.owner, item.due_on) == (alice, due)
    assert EngagementEvent.objects.filter(action="action_item.revised").get().subject == "session action: owner, due on"


def test_an_owner_outside_the_engagement_is_refused_beside_the_field(item, alice, eve):
    with pytest.raises(ValidationError) as refused:
        services.revise_action_item(item=item, owner=eve, by=alice)

    assert refused.value.message_dict == {"owner": ["No one with this id takes part in this engagement."]}


def test_a_due_date_before_the_engagement_opened_is_refused(item, alice):
    with pytest.raises(ValidationError) as refused:
        services.revise_action_item(item=item, due_on=date(2025, 12, 1), by=alice)

    assert "due_on" in refused.value.message_dict


def test_the_owner_updates_progress_but_not_the_plan(item, carol):
    services.revise_action_item(item=item, progress=50, by=carol)

    with pytest.raises(PermissionDenied):
        services.revise_action_item(item=item, title="Mine now", by=carol)
    item.refresh_from_db()
    assert (item.progress, item.title) == (50, "Hand over one report")


def test_an_action_worked_on_is_dropped_not_deleted(item, alice, carol):
    services.update_action_progress(item=item, progress=20, by=carol)

    with pytest.raises(services.RuleBroken) as refused:
        services.withdraw_action_item(item=item, by=alice)

    assert "mark it dropped instead" in refused.value.detail
    assert ActionItem.objects.filter(pk=item.pk).exists()


def test_a_mistaken_action_is_deleted_and_leaves_the_session_record(item, held, alice):
    services.withdraw_action_item(item=item, by=alice)

    assert not held.agreed_items.exists()
    assert EngagementEvent.objects.filter(action="action_item.withdrawn").exists()


def test_a_closed_engagements_actions_take_no_more_progress(item, held, alice, carol):
    services.transition_engagement(engagement=held.engagement, to="assessment", by=alice)
    prepare_closing(held.engagement, alice)
    services.transition_engagement(engagement=held.engagement, to="closed", by=alice)

    with pytest.raises(services.RuleBroken):
        services.update_action_progress(item=item, progress=80, by=carol)
    api = client_for(carol).patch(f"/api/v1/action-items/{item.public_id}/", {"progress": 80}, format="json")

    assert api.status_code == 409
    item.refresh_from_db()
    assert item.progress == 0


def test_the_engagement_page_edits_an_action_in_place(item, alice):
    as_alice = page_client(alice)
    soon = date.today() + timedelta(days=10)

    response = as_alice.post(
        f"/actions/{item.public_id}/edit/",
        {"title": "Hand over two reports", "owner": str(alice.public_id), "due_on": soon.isoformat(), "version": version_of(item)},
        **HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200 and "Hand over two reports" in html and "Saved" in html
    item.refresh_from_db()
    assert (item.owner, item.due_on) == (alice, soon)


def test_a_refused_owner_keeps_what_was_typed(item, alice, eve):
    response = page_client(alice).post(
        f"/actions/{item.public_id}/edit/", {"title": "Typed title", "owner": str(eve.public_id), "version": version_of(item)}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="Typed title"' in html and "Select a valid choice" in html


def test_the_api_patches_and_deletes_an_action(item, alice):
    api = client_for(alice)

    patched = api.patch(f"/api/v1/action-items/{item.public_id}/", {"title": "Renamed", "due_on": None}, format="json")
    deleted = api.delete(f"/api/v1/action-items/{item.public_id}/")

    assert (patched.status_code, patched.json()["title"], patched.json()["due_on"]) == (200, "Renamed", None)
    assert deleted.status_code == 204
