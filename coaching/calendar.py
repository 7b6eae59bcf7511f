"""Private calendar feeds: each person's sessions, and the deadlines of their actions and
milestones as all-day events, at a URL only they know (docs/operations.md).

The URL carries the feed's public id and a random secret; a calendar application asks for
it with nothing else (no session, no token). An unknown id, a wrong secret or a renewed
one all answer 404 alike. Feeds carry titles only, or just "Busy" if the person chooses.
One feed costs a fixed number of queries, however many sessions and deadlines it holds."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from coaching.models import CalendarFeed
from engagements.models import ActionItem, Engagement, User
from engagements.reminders import local_now
from kit import ical
from mpc.models import Milestone
from sessions_grow.invitations import session_event, session_title
from sessions_grow.models import CoachingSession

# How far back a feed reaches: calendars keep what they already fetched, so a feed need
# not carry a person's whole history (which would grow every day).
FEED_DAYS_BACK = 90


# --- services -----------------------------------------------------------------------


def _new_secret() -> str:
    # 160 random bits, in hex: nothing to guess, and nothing a URL needs to escape.
    return secrets.token_hex(20)


def feed_of(user: User) -> CalendarFeed:
    """A person's feed, made with a fresh secret the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"secret": _new_secret(), "renewed_at": timezone.now()}
    )
    return feed


def _own(feed: CalendarFeed, by: User) -> CalendarFeed:
    if feed.user_id != by.pk:
        raise PermissionDenied(_("People change their own calendar feed only."))
    return CalendarFeed.objects.select_for_update().get(pk=feed.pk)


@transaction.atomic
def renew_feed_secret(*, feed: CalendarFeed, by: User) -> CalendarFeed:
    """Give a feed a new secret: its old URL stops working at once (404)."""
    feed = _own(feed, by)
    feed.secret, feed.renewed_at = _new_secret(), timezone.now()
    feed.save(update_fields=["secret", "renewed_at"])
    return feed


@transaction.atomic
def set_feed_privacy(*, feed: CalendarFeed, shows: str, by: User) -> CalendarFeed:
    """Choose what a feed shows: titles, or only "Busy" for each session."""
    if shows not in CalendarFeed.Shows.values:
        raise ValidationError({"shows": _("Choose titles or busy only.")})
    feed = _own(feed, by)
    feed.shows = shows
    feed.save(update_fields=["shows"])
    return feed


def feed_url(feed: CalendarFeed) -> str:
    """The feed's absolute URL, on TANDEM_SITE_URL: the address to give a calendar application."""
    path = reverse("calendar_feed", kwargs={"public_id": feed.public_id, "secret": feed.secret})
    return settings.SITE_URL.rstrip("/") + path


def feed_for(*, public_id: UUID, secret: str) -> CalendarFeed | None:
    """The feed this URL opens, if any: its secret compared in constant time, its owner active."""
    feed = CalendarFeed.objects.select_related("user__coach").filter(public_id=public_id, user__is_active=True).first()
    if feed is None or not hmac.compare_digest(feed.secret.encode(), secret.encode()):
        return None
    return feed


# --- the feed itself ----------------------------------------------------------------


def _coached_or_taken_part_in(user: User) -> Q:
    """Engagements `user` coaches (lead or co-coach) or takes part in as a coachee."""
    taking_part = Engagement.coachees.through.objects.filter(coachee__user=user).values("engagement")
    return Q(pk__in=Engagement.objects.coached_by(user).values("pk")) | Q(pk__in=taking_part)


def _sessions(user: User, since: datetime) -> list[CoachingSession]:
    engagements = Engagement.objects.filter(_coached_or_taken_part_in(user))
    # A session still scheduled in an engagement that has ended will not be held.
    held_or_to_come = Q(status=CoachingSession.Status.HELD) | Q(
        status=CoachingSession.Status.SCHEDULED, engagement__state__in=Engagement.OPEN_STATES
    )
    return list(
        CoachingSession.objects.visible_to(user)
        .filter(held_or_to_come, engagement__in=engagements, scheduled_at__gte=since)
        .select_related("engagement")
        .order_by("scheduled_at", "pk")
    )


def _deadlines(user: User, since: datetime) -> list[tuple[str, ActionItem | Milestone]]:
    """Pending actions and milestones with a due date that `user` owns or whose engagement they
    coach (their own, within what they may see: the one gate still applies)."""
    coached = Engagement.objects.coached_by(user).values("pk")
    items = ActionItem.objects.visible_to(user).still_due().filter(Q(owner=user) | Q(plan__engagement__in=coached), due_on__gte=since.date())
    milestones = Milestone.objects.visible_to(user).still_due().filter(Q(owner=user) | Q(goal__engagement__in=coached), due_on__gte=since.date())
    return [("action", item) for item in items.order_by("due_on", "pk")] + [
        ("milestone", milestone) for milestone in milestones.order_by("due_on", "pk")
    ]


def _deadline_event(kind: str, subject: ActionItem | Milestone) -> Event:
    event = Event()
    event.add("uid", ical.uid(kind, subject.public_id))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", subject.due_on)  # a date: an all-day event
    event.add("dtend", subject.due_on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline takes no time: it never shows you as busy
    title = _("Action due: %(title)s") if kind == "action" else _("Milestone due: %(title)s")
    event.add("summary", title % {"title": subject.title})
    return event


def render_feed(feed: CalendarFeed, *, now: datetime | None = None) -> bytes:
    """The feed as an iCalendar document, in its owner's time zone. With "busy only" each
    session is just "Busy" and deadlines are left out (they take no time)."""
    now = now or timezone.now()
    person, busy = feed.user, feed.shows == CalendarFeed.Shows.BUSY
    since = now - timedelta(days=FEED_DAYS_BACK)
    calendar: Calendar = ical.new_calendar(name="Tandem")
    # A hint to calendar applications: ask again within the hour (most wait far longer).
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for session in _sessions(person, since):
        zone = local_now(person, session.scheduled_at).tzinfo
        calendar.add_component(session_event(session, zone=zone, summary=_("Busy") if busy else session_title(session)))
    if not busy:
        for kind, subject in _deadlines(person, since):
            calendar.add_component(_deadline_event(kind, subject))
    return ical.to_ical(calendar)
