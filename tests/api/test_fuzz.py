"""schemathesis generates requests for every operation of the schema, valid and not,
as every role, and checks that the API never answers 5xx, never accepts a request the
schema refuses, and always answers as documented."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from coaching.tokens import issue_token
from coaching.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def keep_test_connection():
    """Django closes the connection at the end of each request; in-process that would
    close the test's own transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["ada", "alice", "bob", "carol", "dave", "anonymous"])
def caller_headers(request, held, bobs, ada) -> dict[str, str]:
    """Every role: the admin, a coach (who supervises bob), another coach, a coachee,
    another coachee, or nobody; with two engagements in the data."""
    if request.param == "anonymous":
        return {}
    _, key = issue_token(user=request.getfixturevalue(request.param), name="fuzz")
    return {"Authorization": f"Token {key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_every_operation_as_documented(case, keep_test_connection, caller_headers):
    case.call_and_validate(headers=caller_headers)
