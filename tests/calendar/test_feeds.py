"""Each person's private calendar feed: their sessions in their own time zone, their
actions' and milestones' deadlines as all-day events; titles only, or just "Busy". Its
secret alone opens it; a renewed, forged or someone else's secret answers 404. Every
feed is parsed here with `icalendar`, as a calendar application would read it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from coaching import calendar, privacy
from coaching.models import CalendarFeed
from engagements import services
from engagements.models import ActionPlan, Engagement, User
from mpc import services as mpc
from mpc.models import Goal
from sessions_grow import services as grow
from tests.calendar.conftest import MONDAY
from tests.conftest import activate, client_for, engagement_in, open_for
from tests.mpc.conftest import complete_through, fill_goals, start
from tests.pages.conftest import client_for as page_client

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # a Tuesday; feeds reach back 90 days, to 2 September


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def planned(clock, zoned, alice, carol):
    """alice's MPC engagement with carol: a session held last week (which agreed an action
    for carol, due 10 December), one on MONDAY, one called off; carol's milestones, one due
    20 December, one overdue since 30 September, one too old for the feed (30 June)."""
    engagement = start(activate(open_for(alice, carol, title="Reporting", uses_mpc=True), alice), alice)
    complete_through(engagement, alice, 3)
    fill_goals(engagement, alice)
    held = grow.schedule_session(engagement=engagement, scheduled_at=NOW - timedelta(days=7), by=alice)
    held = grow.hold_session(session=held, duration_minutes=90, by=alice)
    grow.agree_action(session=held, title="Hand over one report", owner=carol, due_on=date(2026, 12, 10), by=alice)
    grow.schedule_session(engagement=engagement, scheduled_at=MONDAY, by=alice)
    called_off = grow.schedule_session(engagement=engagement, scheduled_at=MONDAY + timedelta(days=7), by=alice)
    grow.call_off_session(session=called_off, reason="Holidays", by=alice)
    turnover = Goal.objects.get(engagement=engagement, title="Grow turnover")
    mpc.add_milestone(goal=turnover, title="Dashboard live", due_on=date(2026, 12, 20), owner=carol, by=alice)
    return engagement


def path_of(feed: CalendarFeed) -> str:
    return urlsplit(calendar.feed_url(feed)).path


def fetch(feed: CalendarFeed) -> Calendar:
    """The feed as a calendar application gets it: no cookie, no token, only its URL."""
    response = Client().get(path_of(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    return Calendar.from_ical(response.content)


def events(feed_calendar: Calendar) -> list[tuple[str, object]]:
    return [(str(event["summary"]), event.decoded("dtstart")) for event in feed_calendar.walk("VEVENT")]


def test_a_coachees_feed_holds_her_sessions_in_her_zone_and_her_deadlines_all_day(planned, carol):
    feed = fetch(calendar.feed_of(carol))

    paris = ZoneInfo("Europe/Paris")
    assert events(feed) == [
        ("Coaching session 1: Reporting", (NOW - timedelta(days=7)).astimezone(paris)),
        ("Coaching session 2: Reporting", MONDAY.astimezone(paris)),
        ("Action due: Hand over one report", date(2026, 12, 10)),
        ("Milestone due: Monthly team retro", date(2026, 9, 30)),
        ("Milestone due: Dashboard live", date(2026, 12, 20)),
    ]
    sessions, deadlines = feed.walk("VEVENT")[:2], feed.walk("VEVENT")[2:]
    assert all(event.decoded("dtstart").tzinfo == paris for event in sessions)
    assert sessions[0].decoded("dtend") - sessions[0].decoded("dtstart") == timedelta(minutes=90)  # as held
    assert all(event["transp"] == "TRANSPARENT" for event in deadlines)
    assert all(event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1) for event in deadlines)
    assert [tz["tzid"] for tz in feed.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert "method" not in feed  # a feed is published, not an invitation
    # Titles only: nothing of the sessions' content, no description, no location.
    assert all(set(event) <= {"UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "TRANSP"} for event in feed.walk("VEVENT"))


def test_the_coachs_feed_holds_the_same_sessions_in_her_own_zone(planned, alice, carol):
    alices, carols = fetch(calendar.feed_of(alice)), fetch(calendar.feed_of(carol))

    mondays = [e for e in alices.walk("VEVENT") if e["summary"] == "Coaching session 2: Reporting"]
    assert mondays[0].decoded("dtstart").tzinfo == ZoneInfo("America/New_York")
    assert mondays[0].decoded("dtstart") == MONDAY
    # One UID per session, the invitations' own: a calendar that has both holds one event.
    assert {e["uid"] for e in alices.walk("VEVENT")} >= {e["uid"] for e in carols.walk("VEVENT")}


def test_busy_only_shows_each_session_as_busy_and_leaves_the_deadlines_out(planned, carol):
    feed = calendar.set_feed_privacy(feed=calendar.feed_of(carol), shows=CalendarFeed.Shows.BUSY, by=carol)

    paris = ZoneInfo("Europe/Paris")
    assert events(fetch(feed)) == [
        ("Busy", (NOW - timedelta(days=7)).astimezone(paris)),
        ("Busy", MONDAY.astimezone(paris)),
    ]


def test_a_renewed_secret_retires_the_old_url(planned, carol):
    old = path_of(calendar.feed_of(carol))

    renewed = calendar.renew_feed_secret(feed=calendar.feed_of(carol), by=carol)

    assert Client().get(old).status_code == 404
    assert path_of(renewed) != old
    assert len(events(fetch(renewed))) == 5


def test_a_forged_or_borrowed_secret_answers_404(planned, alice, carol):
    carols, alices = calendar.feed_of(carol), calendar.feed_of(alice)
    forged = [
        f"/calendar/{carols.public_id}/{'0' * 40}.ics",
        f"/calendar/{carols.public_id}/{carols.secret[:-1]}.ics",  # all but the last character
        f"/calendar/{alices.public_id}/{carols.secret}.ics",  # someone else's id with one's own secret
        f"/calendar/00000000-0000-4000-8000-000000000000/{carols.secret}.ics",
    ]

    assert [Client().get(url).status_code for url in forged] == [404, 404, 404, 404]


def test_a_deactivated_persons_feed_answers_404(planned, carol):
    feed = calendar.feed_of(carol)
    User.objects.filter(pk=carol.pk).update(is_active=False)

    assert Client().get(path_of(feed)).status_code == 404


def test_nobody_changes_someone_elses_feed(planned, alice, carol):
    with pytest.raises(PermissionDenied):
        calendar.renew_feed_secret(feed=calendar.feed_of(carol), by=alice)
    with pytest.raises(PermissionDenied):
        calendar.set_feed_privacy(feed=calendar.feed_of(carol), shows=CalendarFeed.Shows.BUSY, by=alice)


def queries_for(feed: CalendarFeed) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path_of(feed)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_a_feed_costs_the_same_queries_however_much_it_holds(planned, who, request, alice, carol):
    feed = calendar.feed_of(request.getfixturevalue(who))
    small = queries_for(feed)
    plan = services.plan_for(planned, ActionPlan.Kind.SESSIONS)
    turnover = Goal.objects.get(engagement=planned, title="Grow turnover")
    for n in range(1, 11):
        grow.schedule_session(engagement=planned, scheduled_at=MONDAY + timedelta(days=n), by=alice)
        services.add_action_item(plan=plan, title=f"Action {n}", owner=carol, due_on=date(2026, 12, n), by=alice)
        mpc.add_milestone(goal=turnover, title=f"Milestone {n}", due_on=date(2026, 12, n), owner=carol, by=alice)

    large = queries_for(feed)

    assert len(events(fetch(feed))) == 5 + 30
    assert small == large <= 4


def test_the_page_shows_the_url_renews_it_and_sets_busy_only(planned, carol):
    browser = page_client(carol)

    page = browser.get("/settings/calendar/").content.decode()
    old = calendar.feed_url(calendar.feed_of(carol))
    renewed = browser.post("/settings/calendar/renew/")
    chosen = browser.post("/settings/calendar/", {"shows": "busy"})
    refused = browser.post("/settings/calendar/", {"shows": "everything"})

    assert f'value="{old}"' in page
    assert renewed.status_code == 302 and Client().get(urlsplit(old).path).status_code == 404
    assert chosen.status_code == 302 and calendar.feed_of(carol).shows == "busy"
    assert refused.status_code == 422 and "Select a valid choice" in refused.content.decode()


def test_the_api_reads_renews_and_sets_busy_only(planned, carol):
    api = client_for(carol)

    read = api.get("/api/v1/calendar-feed/").json()
    renewed = api.post("/api/v1/calendar-feed/renewal/").json()
    chosen = api.patch("/api/v1/calendar-feed/", {"shows": "busy"}, format="json")
    refused = api.patch("/api/v1/calendar-feed/", {"shows": "busy", "url": "http://elsewhere"}, format="json")

    assert read["shows"] == "titles" and read["url"].startswith("http")
    assert renewed["url"] != read["url"] and Client().get(urlsplit(read["url"]).path).status_code == 404
    assert Client().get(urlsplit(renewed["url"]).path).status_code == 200
    assert chosen.status_code == 200 and chosen.json()["shows"] == "busy"
    assert refused.status_code == 400 and refused.json() == {"url": ["Unknown field."]}


def test_a_session_left_scheduled_in_an_ended_engagement_leaves_the_feed(planned, alice, carol):
    services.transition_engagement(engagement=planned, to=Engagement.State.CANCELLED, by=alice, reason="The client left the company")

    assert [summary for summary, _ in events(fetch(calendar.feed_of(carol)))] == ["Coaching session 1: Reporting"]  # held


def test_erasing_a_coachee_deletes_her_feed(clock, alice, carol, ada):
    engagement_in(Engagement.State.CANCELLED, alice, carol)
    old = path_of(calendar.feed_of(carol))

    privacy.erase_coachee(coachee=carol.coachee, by=ada, reason="Her request")

    assert Client().get(old).status_code == 404
    assert not CalendarFeed.objects.filter(user=carol).exists()
