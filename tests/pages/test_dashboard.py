"""The coach's dashboard shows what needs attention, bounded, with a way to see the rest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coaching import health, views
from engagements.models import Engagement
from sessions_grow import services as grow
from tests.conftest import activate, engagement_in, open_for


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


def test_dashboard_counts_one_open_engagement_in_the_singular(as_alice, alice, carol):
    engagement_in(Engagement.State.CANCELLED, alice, carol, title="Called off")
    open_for(alice, carol, title="Under way")

    page = as_alice.get("/").content.decode()

    assert "Listed below: 1 of 1 open engagement." in page and "See all 2" in page


def test_dashboard_caps_due_actions_and_says_more_are_due(as_alice, held, alice, carol, monkeypatch):
    monkeypatch.setattr(views, "DASHBOARD_DUE", 1)
    grow.agree_action(session=held, title="Second action", owner=carol, due_on=timezone.localdate() + timedelta(days=1), by=alice)

    page = as_alice.get("/").content.decode()

    assert "Second action" in page and "Hand over one report" not in page
    assert "the first 1 actions and" in page and "more are due" in page


def test_the_week_lists_its_first_sessions_and_says_more_are_coming(as_ada, alice, carol, monkeypatch):
    """An admin's week holds every session of the practice: the first ones, in time order."""
    monkeypatch.setattr(views, "DASHBOARD_DUE", 2)
    engagement = activate(open_for(alice, carol, title="Weekly"), alice)
    for hours in (30, 5, 50):
        grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() + timedelta(hours=hours), by=alice)

    page = as_ada.get("/").content.decode()

    # Numbered in the order they were scheduled: the ones at +5 h (2) and +30 h (1) come first.
    assert page.index("Weekly · session 2") < page.index("Weekly · session 1") and "Weekly · session 3" not in page
    assert "The first 2: more sessions are coming this week." in page


def test_admins_dashboard_says_when_the_beat_and_workers_stopped_scanning(as_ada, time_machine, settings):
    settings.REMINDER_SCAN_SECONDS = 300
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    health.record_heartbeat("beat", event="scan enqueued")
    health.record_heartbeat("worker", event="scan run")
    fresh = as_ada.get("/").content.decode()

    time_machine.move_to(start + timedelta(seconds=601), tick=False)
    stale = as_ada.get("/").content.decode()

    assert "Reminders in the background" in fresh and "not running" not in fresh
    assert stale.count("not running") == 2
    assert "older than twice the scan interval (600 s)" in stale


def test_coaches_dashboard_leaves_the_background_processes_to_the_admins(as_alice):
    page = as_alice.get("/").content.decode()

    assert "Reminders in the background" not in page


def test_all_engagements_come_a_page_at_a_time(as_alice, alice, carol, monkeypatch):
    monkeypatch.setattr(views, "ALL_ENGAGEMENTS_PAGE", 2)
    for title in ("Alpha", "Beta", "Gamma"):
        open_for(alice, carol, title=title)

    first = as_alice.get("/?all=1").content.decode()
    second = as_alice.get("/?all=1&page=2").content.decode()

    assert "Alpha" in first and "Beta" in first and "Gamma" not in first and "page=2" in first
    assert "Gamma" in second and "Alpha" not in second and "Previous page" in second
