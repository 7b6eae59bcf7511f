"""schemathesis generates requests for every operation of the schema, valid and not,
and checks that the API never answers 500 and always answers as documented."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

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


@pytest.fixture(params=["alice", "carol", "ada", "anonymous"])
def caller_headers(request, held, bobs, ada) -> dict[str, str]:
    """The coach, her coachee, the admin, or nobody; with two engagements in the data."""
    if request.param == "anonymous":
        return {}
    token = Token.objects.create(user=request.getfixturevalue(request.param))
    return {"Authorization": f"Token {token.key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_every_operation_as_documented(case, keep_test_connection, caller_headers):
    case.call_and_validate(headers=caller_headers)
