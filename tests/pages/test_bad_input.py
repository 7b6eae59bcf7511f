"""Bad input: errors beside the field, what the user typed kept, refusals with their reason."""

from __future__ import annotations

import re
import uuid

from django.utils import timezone

from engagements.models import Engagement
from sessions_grow import services as grow
from tests.factories import CoachFactory


def field_block(html: str, name: str) -> str:
    """The markup of one field's group: label, input, its error and help."""
    match = re.search(rf'<div class="field[^"]*">(?:(?!<div class="field).)*?name="{name}".*?</div>', html, re.S)
    assert match, name
    return match.group(0)


def test_objective_errors_sit_beside_the_field_and_keep_the_input(as_alice, exploratory):
    response = as_alice.post(
        f"/engagements/{exploratory.public_id}/exploratory/objectives/",
        {"token": uuid.uuid4(), "statement": "Speak up in board meetings", "success_measure": "", "baseline_rating": "11"},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "less than or equal to 10" in field_block(html, "baseline_rating")
    assert "This field is required" in field_block(html, "success_measure")
    assert 'value="Speak up in board meetings"' in field_block(html, "statement")
    assert exploratory.objectives.count() == 0


def test_a_service_validation_error_lands_on_its_field(as_alice, exploratory):
    response = as_alice.post(
        f"/engagements/{exploratory.public_id}/exploratory/session/",
        {"held_on": "2020-01-01", "duration_minutes": "60", "summary": "We met."},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "before the engagement opened" in field_block(html, "held_on")
    assert "We met." in html


def test_terms_keep_what_was_typed_when_the_currency_is_wrong(as_alice, exploratory):
    response = as_alice.post(
        f"/engagements/{exploratory.public_id}/exploratory/terms/",
        {"coaching_type": "career", "planned_hours": "10", "budget_amount": "900", "budget_currency": "eu1"},
    )

    html = response.content.decode()
    assert "ISO code" in field_block(html, "budget_currency")
    assert 'value="career"' in field_block(html, "coaching_type")


def test_a_refused_transition_shows_its_reason(as_alice, exploratory):
    response = as_alice.post(f"/engagements/{exploratory.public_id}/transition/", {"to": "active"}, follow=True)

    html = response.content.decode()
    assert "Refused: The exploratory session is not recorded yet; no objective yet" in html
    assert "terms incomplete" in html
    exploratory.refresh_from_db()
    assert exploratory.state == Engagement.State.EXPLORATORY


def test_the_engagement_page_says_beforehand_why_a_move_would_be_refused(as_alice, exploratory):
    html = as_alice.get(f"/engagements/{exploratory.public_id}/").content.decode()

    assert "Not yet: the exploratory session is not recorded yet; no objective yet" in html


def test_assigning_a_coach_at_capacity_is_refused_with_the_reason(as_ada, active):
    full = CoachFactory(user__first_name="Fay", user__last_name="Full", capacity=0)

    response = as_ada.post(f"/engagements/{active.public_id}/coach/", {"coach": full.public_id})

    assert "Refused: Fay Full is at capacity (0 open engagements)" in response.content.decode()
    active.refresh_from_db()
    assert active.coach.user.username == "alice"


def test_holding_a_session_twice_is_refused_not_duplicated(as_alice, active, alice):
    session = grow.schedule_session(engagement=active, scheduled_at=timezone.now(), by=alice)
    data = {"duration_minutes": "45", "goal_today": "Delegation"}
    as_alice.post(f"/sessions/{session.public_id}/hold/", data)

    again = as_alice.post(f"/sessions/{session.public_id}/hold/", data)

    assert "A held session cannot become held." in again.content.decode()
    assert active.coaching_sessions.count() == 1


def test_a_coachee_cannot_run_the_coachs_forms(as_carol, active):
    assert as_carol.get(f"/engagements/{active.public_id}/exploratory/").status_code == 403
    assert as_carol.post(f"/engagements/{active.public_id}/transition/", {"to": "paused"}).status_code == 403
