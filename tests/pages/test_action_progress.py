"""A coachee updates their own action items in place (htmx) or by a plain form post."""

from __future__ import annotations

import pytest
from django.utils import timezone

from engagements.models import ActionItem
from sessions_grow import services as grow


@pytest.fixture
def item(active, alice, carol) -> ActionItem:
    session = grow.hold_session(
        session=grow.schedule_session(engagement=active, scheduled_at=timezone.now(), by=alice), duration_minutes=60, by=alice
    )
    return grow.agree_action(session=session, title="Draft the agenda", owner=carol, by=alice)


def fields(item: ActionItem, **values) -> dict:
    prefix = f"i{item.public_id.hex[:12]}"
    return {f"{prefix}-{name}": value for name, value in values.items()}


def test_the_coachee_marks_her_item_done_in_place(as_carol, item):
    response = as_carol.post(f"/actions/{item.public_id}/progress/", fields(item, status="done", progress="10"), headers={"HX-Request": "true"})

    html = response.content.decode()
    item.refresh_from_db()
    assert item.status == "done" and item.progress == 100
    assert "<html" not in html and f'id="item-{item.public_id}"' in html and "Saved" in html


def test_without_javascript_the_post_redirects_back(as_carol, item):
    response = as_carol.post(f"/actions/{item.public_id}/progress/", fields(item, status="in_progress", progress="40"))

    assert response.status_code == 302 and response.url == "/my/"


def test_a_bad_progress_shows_beside_the_field(as_carol, item):
    response = as_carol.post(f"/actions/{item.public_id}/progress/", fields(item, status="in_progress", progress="140"))

    html = response.content.decode()
    assert "less than or equal to 100" in html and 'value="140"' in html
    item.refresh_from_db()
    assert item.progress == 0


def test_the_portal_shows_objectives_items_and_shared_summaries_only(as_carol, active, alice, item):
    session = item.agreed_in_sessions.get()
    grow.update_session_record(session=session, summary="We mapped the team.", share_summary=True, by=alice)
    grow.write_private_note(session=session, body="Carol seems tired.", by=alice)

    html = as_carol.get("/my/").content.decode()

    assert "Delegate the weekly reporting" in html and "Draft the agenda" in html and "We mapped the team." in html
    assert "Carol seems tired." not in html


def test_private_notes_are_shown_to_their_author_only(co_coached, alice, bob, carol):
    from tests.pages.conftest import client_for

    session = grow.schedule_session(engagement=co_coached, scheduled_at=timezone.now(), by=alice)
    grow.write_private_note(session=session, body="Only mine.", by=alice)

    pages = {who.username: client_for(who).get(f"/sessions/{session.public_id}/").content.decode() for who in (alice, bob, carol)}

    assert "Only mine." in pages["alice"]
    assert "Only mine." not in pages["bob"] and "Only mine." not in pages["carol"]
