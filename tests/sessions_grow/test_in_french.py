"""A GROW session page speaks French to a browser that asks for it: the four stages as
But, Réalité, Options, Volonté, and the session's refusals in the coach's words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from sessions_grow import services
from tests.mpc.test_stage_pages_in_words import visible_text
from tests.pages.conftest import client_for

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def english_again():
    """LocaleMiddleware leaves the browser's language active in the test process: the
    tests after these read English again."""
    yield
    translation.deactivate()


@pytest.fixture
def session(active, alice):
    return services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)


def test_the_session_page_shows_the_grow_stages_in_french(session, alice):
    response = client_for(alice).get(f"/sessions/{session.public_id}/", **FRENCH)

    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Séance 1" in text and "Prévue" in text
    for heading in ("B — But", "R — Réalité", "O — Options", "V — Volonté"):
        assert heading in text
    assert "Enregistrer la séance comme tenue" in text
    assert "Ce que le client voit plus clairement" in text


def test_a_hold_without_a_duration_is_refused_beside_its_field_in_french(session, alice):
    response = client_for(alice).post(f"/sessions/{session.public_id}/hold/", {"duration_minutes": "0"}, **FRENCH)

    text = visible_text(response.content.decode())
    assert response.status_code == 422
    assert "Durée (minutes)" in text


def test_a_reschedule_without_a_reason_is_refused_in_french(session, alice):
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.reschedule_session(session=session, scheduled_at=FIRST_MEETING.replace(day=13), reason=" ", by=alice)

    assert refused.value.message_dict["reason"] == [
        "Dites pourquoi la séance est déplacée (le client apprend qu'elle a été déplacée, pas pourquoi)."
    ]


def test_a_coach_reading_french_moves_the_session_and_the_coachee_is_told_in_her_language(
    session, alice, carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(
            f"/sessions/{session.public_id}/reschedule/",
            {"scheduled_at": "2026-01-13T09:30", "reason": "Carol travels"},
            HTTP_HX_REQUEST="true",
            **FRENCH,
        )

    assert "Déplacée ; le client est informé." in response.content.decode()
    (email,) = [message for message in mail.outbox if message.to == [carol.email]]
    assert email.subject.startswith("Moved: session 1 of Leadership")  # her browser is not her coach's
