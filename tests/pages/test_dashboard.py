"""The coach's dashboard shows what needs attention, bounded, with a way to see the rest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coaching import views
from engagements.models import Engagement
from sessions_grow import services as grow
from tests.conftest import engagement_in, open_for


def test_dashboard_lists_open_engagements_up_to_the_cap_and_links_to_all(as_alice, alice, carol, monkeypatch):
    monkeypatch.setattr(views, "DASHBOARD_ENGAGEMENTS", 1)
    open_for(alice, carol, title="Alpha")
    open_for(alice, carol, title="Beta")

    page = as_alice.get("/").content.decode()

    assert "Alpha" in page and "Beta" not in page
    assert "1 of 2 open engagements" in page and "?all=1" in page


def test_dashboard_lists_closed_engagements_only_when_asked_for_all(as_alice, alice, carol):
    engagement_in(Engagement.State.CANCELLED, alice, carol, title="Called off")
    open_for(alice, carol, title="Under way")

    first = as_alice.get("/").content.decode()
    everything = as_alice.get("/?all=1").content.decode()

    assert "Under way" in first and "Called off" not in first and "Cancelled" in first
    assert "Under way" in everything and "Called off" in everything


def test_dashboard_caps_due_actions_and_says_how_many_there_are(as_alice, held, alice, carol, monkeypatch):
    monkeypatch.setattr(views, "DASHBOARD_DUE", 1)
    grow.agree_action(session=held, title="Second action", owner=carol, due_on=timezone.localdate() + timedelta(days=1), by=alice)

    page = as_alice.get("/").content.decode()

    assert "Second action" in page and "Hand over one report" not in page
    assert "the first 1 of 2 actions" in page
