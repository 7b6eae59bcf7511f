"""iCalendar (RFC 5545) documents: what invitations and feeds share, with the `icalendar` package."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar

PRODUCT = "-//Tandem//Coaching practice//EN"


def new_calendar(*, method: str | None = None, name: str = "") -> Calendar:
    """An empty calendar; `method` (REQUEST, CANCEL) makes it an iTIP message (RFC 5546)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def uid(kind: str, public_id: object) -> str:
    """A UID that stays the same for one thing forever: its kind, its public id, the site's host."""
    return f"{kind}-{public_id}@{urlsplit(settings.SITE_URL).hostname or 'tandem'}"


def to_ical(calendar: Calendar) -> bytes:
    """The calendar as bytes, with the VTIMEZONE of each zone its events name. Each zone's
    rules are written from a year before the first event to two years after the last: from
    1970 to 2038 (icalendar's default) they run to several kilobytes a zone."""
    moments = [
        event.decoded(name)
        for event in calendar.walk("VEVENT")
        for name in ("dtstart", "dtend")
        if name in event
    ]
    days = [moment.date() if isinstance(moment, datetime) else moment for moment in moments if isinstance(moment, date)]
    if days:
        calendar.add_missing_timezones(
            first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1)
        )
    return calendar.to_ical()
