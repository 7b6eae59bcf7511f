"""Hostile text is stored as typed and shown escaped; oversized bodies are refused."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import yaml

from engagements.models import Objective
from tests.conftest import client_for

SCHEMA = Path(__file__).parents[2] / "docs" / "openapi.yml"

HOSTILE = [
    '<script>alert("x")</script>',
    "Robert'); DROP TABLE engagements_objective;--",
    "emoji 🧭🚀 and RTL \u202e text",
]
CONTROL = ["new\nline", "carriage\rreturn", "tab\there", "bell \x07", "escape \x1b[31m", "next line \x85", "separator \u2028"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_typed_and_shown_escaped(text, exploratory, alice, client, typed_codes_shown):
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


@pytest.mark.parametrize("text", CONTROL)
def test_a_one_line_field_refuses_control_characters_in_the_api(text, exploratory, alice):
    response = client_for(alice).post(
        "/api/v1/objectives/",
        {"engagement": str(exploratory.public_id), "statement": text, "success_measure": "ok", "baseline_rating": 3},
        format="json",
    )

    assert response.status_code == 400 and "one line" in response.json()["statement"][0]
    assert not Objective.objects.exists()


def test_a_one_line_field_refuses_control_characters_on_the_page(exploratory, alice, client):
    client.force_login(alice)

    response = client.post(
        f"/engagements/{exploratory.public_id}/exploratory/objectives/",
        {"statement": "Speak\nup", "success_measure": "Once a meeting", "baseline_rating": 2, "token": str(uuid.uuid4())},
    )

    assert response.status_code == 422 and "on one line" in response.content.decode()
    assert not Objective.objects.exists()


def test_multi_line_text_keeps_its_line_breaks_and_tabs(held, alice):
    text = "First line\r\n\tindented second line \x07"

    response = client_for(alice).patch(f"/api/v1/sessions/{held.public_id}/", {"summary": text}, format="json")

    assert response.status_code == 200 and response.json()["summary"] == text


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [21, 100_000])
def test_deeply_nested_json_is_refused_even_before_login(depth, alice):
    response = client_for(None).generic("POST", "/api/v1/auth/token/", nested(depth), content_type="application/json")

    assert response.status_code == 400 and "nested deeper" in response.json()["detail"]


def test_deeply_nested_json_is_refused_on_every_write(exploratory, alice):
    body = '{"engagement": "%s", "statement": %s}' % (exploratory.public_id, nested(50_000))

    response = client_for(alice).generic("POST", "/api/v1/objectives/", body, content_type="application/json")

    assert response.status_code == 400


OUT_OF_RANGE = [
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "2026-01-01T00:00:00+16:00",
    "2026-01-01T00:00:00-23:59",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-13-01",
]


def date_parameters() -> list[tuple[str, str]]:
    schema = yaml.safe_load(SCHEMA.read_text())
    found = []
    for path, item in schema["paths"].items():
        for parameter in item.get("get", {}).get("parameters", []):
            if parameter["in"] == "query" and parameter["schema"].get("format") in ("date", "date-time"):
                found.append((path, parameter["name"]))
    return found


def test_every_date_filter_of_the_api_is_listed():
    assert ("/api/v1/sessions/", "scheduled_after") in date_parameters()
    assert ("/api/v1/audit-events/", "after") in date_parameters()


@pytest.mark.parametrize("path, name", date_parameters())
def test_no_date_filter_answers_500_to_an_out_of_range_value(path, name, needs_postgres, ada):
    client = client_for(ada)

    statuses = {value: client.get(path, {name: value}).status_code for value in OUT_OF_RANGE}

    assert set(statuses.values()) <= {200, 400}, statuses


def test_a_date_time_that_utc_cannot_hold_is_refused_with_400(ada):
    response = client_for(ada).get("/api/v1/sessions/", {"scheduled_after": "0001-01-01T00:00:00+01:00"})

    assert response.status_code == 400 and "scheduled_after" in response.json()


def test_an_offset_postgresql_refuses_is_read_in_utc(needs_postgres, ada, active):
    response = client_for(ada).get("/api/v1/audit-events/", {"after": "2026-01-01T00:00:00+16:00"})

    assert response.status_code == 200 and response.json()["count"] >= 1


def test_the_api_has_one_date_time_filter():
    from django_filters import DateTimeFilter, IsoDateTimeFilter

    from coaching.api_urls import router
    from kit.filters import UtcDateTimeFilter

    filters = [
        (viewset.__name__, name, type(f))
        for _, viewset, _ in router.registry
        if (filterset := getattr(viewset, "filterset_class", None))
        for name, f in filterset.base_filters.items()
        if isinstance(f, DateTimeFilter | IsoDateTimeFilter)
    ]

    assert filters and all(kind is UtcDateTimeFilter for _, _, kind in filters), filters
