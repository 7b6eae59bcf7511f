"""Hostile text is stored as typed and shown escaped; oversized bodies are refused."""

from __future__ import annotations

import json

import pytest

from engagements.models import Objective
from tests.conftest import client_for

HOSTILE = [
    '<script>alert("x")</script>',
    "Robert'); DROP TABLE engagements_objective;--",
    "tab\there\r\nnew line \x07 bell",
    "emoji 🧭🚀 and RTL \u202e text",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_typed_and_shown_escaped(text, exploratory, alice, client):
    response = client_for(alice).post(
        "/api/v1/objectives/",
        {"engagement": str(exploratory.public_id), "statement": text, "success_measure": "ok", "baseline_rating": 3},
        format="json",
    )

    assert response.status_code == 201
    assert Objective.objects.get(engagement=exploratory).statement == text
    client.force_login(alice)
    page = client.get(f"/engagements/{exploratory.public_id}/").content.decode()
    assert "<script>alert" not in page
    if "<script>" in text:
        assert "&lt;script&gt;alert" in page


def test_a_nul_character_is_refused_not_crashed_on(exploratory, alice):
    response = client_for(alice).post(
        "/api/v1/objectives/",
        {"engagement": str(exploratory.public_id), "statement": "a\x00b", "success_measure": "ok", "baseline_rating": 3},
        format="json",
    )

    assert response.status_code == 400
    assert "statement" in response.json()


def test_a_one_megabyte_string_in_a_short_field_is_refused_by_field(exploratory, alice):
    response = client_for(alice).post(
        "/api/v1/objectives/",
        {"engagement": str(exploratory.public_id), "statement": "x" * 1_000_000, "success_measure": "ok", "baseline_rating": 3},
        format="json",
    )

    assert response.status_code == 400
    assert "statement" in response.json()
    assert not Objective.objects.exists()


def test_an_oversized_body_is_refused_with_413(exploratory, alice, settings):
    body = json.dumps({"statement": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = client_for(alice).generic("POST", "/api/v1/objectives/", body, content_type="application/json")

    assert response.status_code == 413


def test_an_oversized_form_post_is_refused_with_413(exploratory, alice, client, settings):
    client.force_login(alice)

    response = client.generic(
        "POST", f"/engagements/{exploratory.public_id}/exploratory/terms/", "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413


def test_a_tampered_token_is_refused(alice):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token " + "f" * 40)

    assert client.get("/api/v1/engagements/").status_code == 401
