"""A coach puts Tandem in her own calendar: she opens *Calendar* from the navigation,
copies her private address, renews it (as she would once it got out) — the old address
then answers 404 and the new one serves her sessions — and chooses to show only "Busy"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from sessions_grow import services as grow


@pytest.fixture
def calendar_app(playwright):
    """A calendar application: it fetches the feed with no cookie, no session, no token."""
    context = playwright.request.new_context()
    yield context
    context.dispose()


def summaries(response) -> list[str]:
    assert response.status == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    return [str(event["summary"]) for event in Calendar.from_ical(response.body()).walk("VEVENT")]


def test_a_coach_copies_her_calendar_address_renews_it_and_shows_busy_only(
    page, live_server, log_in, screenshots, settings, calendar_app, active, alice
):
    settings.SITE_URL = live_server.url  # the addresses Tandem writes point at this server
    grow.schedule_session(engagement=active, scheduled_at=timezone.now() + timedelta(days=2), by=alice)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in("alice")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", name="Calendar", exact=True)).to_be_visible()
    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    old = page.evaluate("() => navigator.clipboard.readText()")
    assert old == page.get_by_label("Your private calendar address").input_value()
    assert summaries(calendar_app.get(old)) == ["Coaching session 1: Leadership"]
    screenshots("calendar-settings")

    page.get_by_text("Renew the address").click()
    expect(page.get_by_text("The current address stops working at once")).to_be_visible()
    screenshots("calendar-renew-confirm")
    page.get_by_role("button", name="Renew it now").click()
    expect(page.get_by_text("Your feed has a new address: the old one no longer works.")).to_be_visible()
    new = page.get_by_label("Your private calendar address").input_value()
    screenshots("calendar-renewed")

    assert new != old
    assert calendar_app.get(old).status == 404
    assert summaries(calendar_app.get(new)) == ["Coaching session 1: Leadership"]

    page.get_by_label("Busy only").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: your feed now shows what you chose.")).to_be_visible()
    assert summaries(calendar_app.get(new)) == ["Busy"]
