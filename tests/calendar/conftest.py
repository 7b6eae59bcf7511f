"""Calendar fixtures: the cast in three time zones, and readers that parse what is sent
and served with `icalendar`, as a calendar application would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail
from icalendar import Calendar

from engagements.models import User

# Monday 14 December 2026, 09:30 UTC: 10:30 in Paris, 04:30 in New York.
MONDAY = datetime(2026, 12, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def zoned(alice, bob, carol):
    """alice lives in New York, carol in Paris; bob keeps UTC."""
    User.objects.filter(pk=alice.pk).update(time_zone="America/New_York")
    User.objects.filter(pk=carol.pk).update(time_zone="Europe/Paris")
    for person in (alice, bob, carol):
        person.refresh_from_db()


def calendar_of(message: mail.EmailMultiAlternatives) -> Calendar:
    """The invitation an email carries, parsed; the inline part and the attachment must agree."""
    (attachment,) = message.attachments
    assert attachment.filename.endswith(".ics") and attachment.mimetype == "application/ics"
    (inline, mimetype), = message.alternatives
    assert mimetype.startswith("text/calendar; method=")
    assert inline.encode() == attachment.content
    return Calendar.from_ical(attachment.content)


def to(user: User) -> mail.EmailMultiAlternatives:
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message
