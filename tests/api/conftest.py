"""API fixtures: a client per member of the cast, authenticated by token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sessions_grow import services as grow


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return client_for


@pytest.fixture
def held(active, alice, carol):
    """Session 1 of alice's engagement with carol, held, with an action for carol and
    alice's private note."""
    session = grow.schedule_session(engagement=active, scheduled_at=timezone.now() - timedelta(hours=2), by=alice)
    session = grow.hold_session(session=session, duration_minutes=60, goal_today="Delegate", summary="Shared", share_summary=True, by=alice)
    grow.agree_action(session=session, title="Hand over one report", owner=carol, due_on=timezone.localdate() + timedelta(days=7), by=alice)
    grow.write_private_note(session=session, body="alice's eyes only", by=alice)
    return session
