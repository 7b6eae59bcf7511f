"""A form posted twice (a double click, a reload) creates one object."""

from __future__ import annotations

import uuid

from django.utils import timezone

from sessions_grow import services as grow
from tests.pages.conftest import NINA, new_engagement_form


def test_an_objective_posted_twice_is_added_once(as_alice, exploratory):
    data = {"token": uuid.uuid4(), "statement": "Delegate", "success_measure": "Two reports", "baseline_rating": "3"}

    first = as_alice.post(f"/engagements/{exploratory.public_id}/exploratory/objectives/", data)
    second = as_alice.post(f"/engagements/{exploratory.public_id}/exploratory/objectives/", data)

    assert first.status_code == second.status_code == 302
    assert exploratory.objectives.count() == 1


def test_a_session_scheduled_twice_is_scheduled_once(as_alice, active):
    data = {"token": uuid.uuid4(), "scheduled_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}

    as_alice.post(f"/engagements/{active.public_id}/sessions/new/", data)
    as_alice.post(f"/engagements/{active.public_id}/sessions/new/", data)

    assert active.coaching_sessions.count() == 1


def test_an_agreed_action_posted_twice_is_agreed_once(as_alice, active, alice, carol):
    session = grow.hold_session(
        session=grow.schedule_session(engagement=active, scheduled_at=timezone.now(), by=alice), duration_minutes=60, by=alice
    )
    data = {"token": uuid.uuid4(), "title": "Draft the agenda", "owner": carol.public_id}

    as_alice.post(f"/sessions/{session.public_id}/actions/", data, headers={"HX-Request": "true"})
    as_alice.post(f"/sessions/{session.public_id}/actions/", data, headers={"HX-Request": "true"})

    assert session.agreed_items.count() == 1


def test_a_new_client_submitted_twice_opens_one_engagement(as_alice, alice):
    data = new_engagement_form(newcomers=[NINA])

    as_alice.post("/engagements/new/", data)
    second = as_alice.post("/engagements/new/", data)

    assert second.status_code == 302
    assert alice.coach.engagements.count() == 1


def test_every_post_needs_the_csrf_token(alice, exploratory):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(f"/engagements/{exploratory.public_id}/transition/", {"to": "declined"})

    assert response.status_code == 403
