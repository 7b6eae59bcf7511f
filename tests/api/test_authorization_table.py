"""Every operation as each role of the cast, against alice's engagement with carol
(bob and dave have their own engagement):
out of scope answers 404, in scope but not your role 403, anonymous 401."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

ROLES = ["ada", "alice", "bob", "carol", "dave", "anonymous"]

# operation id → (method, path template, body, expected status per role in ROLES order)
TABLE = {
    "list coaches": ("get", "/api/v1/coaches/", None, [200, 200, 200, 200, 200, 401]),
    "read alice's roster entry": ("get", "/api/v1/coaches/{alice_coach}/", None, [200, 200, 404, 200, 404, 401]),
    "add a coach": (
        "post",
        "/api/v1/coaches/",
        {"email": "new@example.com", "first_name": "New", "last_name": "Coach"},
        [201, 403, 403, 403, 403, 401],
    ),
    "change bob's capacity": ("patch", "/api/v1/coaches/{bob_coach}/", {"capacity": 3}, [200, 403, 403, 404, 403, 401]),
    "list engagements": ("get", "/api/v1/engagements/", None, [200, 200, 200, 200, 200, 401]),
    "read the engagement": ("get", "/api/v1/engagements/{engagement}/", None, [200, 200, 404, 200, 404, 401]),
    "set terms": ("patch", "/api/v1/engagements/{engagement}/", {"planned_hours": "20.00"}, [403, 200, 404, 403, 404, 401]),
    "pause": ("post", "/api/v1/engagements/{engagement}/transitions/", {"to": "paused"}, [403, 200, 404, 403, 404, 401]),
    "cancel": ("post", "/api/v1/engagements/{engagement}/transitions/", {"to": "cancelled", "reason": "The sponsor withdrew"}, [200, 200, 404, 403, 404, 401]),
    "read the audit trail": ("get", "/api/v1/audit-events/?engagement={engagement}", None, [200, 200, 200, 200, 200, 401]),
    "read an objective": ("get", "/api/v1/objectives/{objective}/", None, [200, 200, 404, 200, 404, 401]),
    "add an objective": (
        "post",
        "/api/v1/objectives/",
        {"engagement": "{engagement}", "statement": "Speak up", "success_measure": "Once a meeting", "baseline_rating": 2},
        [403, 201, 400, 403, 400, 401],
    ),
    "read the session": ("get", "/api/v1/sessions/{session}/", None, [200, 200, 404, 200, 404, 401]),
    "schedule a session": (
        "post",
        "/api/v1/sessions/",
        {"engagement": "{engagement}", "scheduled_at": "{tomorrow}"},
        [403, 201, 400, 403, 400, 401],
    ),
    "amend the GROW record": ("patch", "/api/v1/sessions/{session}/", {"goal_today": "More"}, [403, 200, 404, 403, 404, 401]),
    "agree an action": (
        "post",
        "/api/v1/sessions/{session}/actions/",
        {"title": "Read a book", "owner": "{carol}"},
        [403, 201, 404, 403, 404, 401],
    ),
    "write a private note": ("put", "/api/v1/sessions/{session}/private-note/", {"body": "mine"}, [403, 200, 404, 403, 404, 401]),
    "read the action item": ("get", "/api/v1/action-items/{item}/", None, [200, 200, 404, 200, 404, 401]),
    "update the action's progress": (
        "patch",
        "/api/v1/action-items/{item}/",
        {"progress": 50},
        [403, 200, 404, 200, 404, 401],
    ),
    "read the action plan": ("get", "/api/v1/action-plans/{plan}/", None, [200, 200, 404, 200, 404, 401]),
    "read carol": ("get", "/api/v1/coachees/{carol_coachee}/", None, [200, 200, 404, 200, 404, 401]),
    "add a coachee": (
        "post",
        "/api/v1/coachees/",
        {"email": "client@example.com", "first_name": "New", "last_name": "Client"},
        [201, 201, 201, 403, 403, 401],
    ),
}


@pytest.fixture
def ids(held, active, bobs, alice, bob, carol, dave):
    item = held.agreed_items.get()
    return {
        "alice_coach": alice.coach.public_id,
        "bob_coach": bob.coach.public_id,
        "engagement": active.public_id,
        "objective": active.objectives.first().public_id,
        "session": held.public_id,
        "item": item.public_id,
        "plan": item.plan.public_id,
        "carol": carol.public_id,
        "carol_coachee": carol.coachee.public_id,
        "tomorrow": (timezone.now() + timedelta(days=1)).isoformat(),
    }


def fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("operation", TABLE)
@pytest.mark.parametrize("role", ROLES)
def test_operation_answers_each_role_as_the_table_says(operation, role, ids, api, request, dave):
    method, path, body, expected = TABLE[operation]
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = api(user)

    response = getattr(client, method)(fill(path, ids), fill(body, ids), format="json")

    assert response.status_code == expected[ROLES.index(role)], response.content
