"""Calendar invitations for GROW sessions: one email per participant, each with an iCalendar
(RFC 5546) invitation in that person's time zone.

A session keeps one UID for life; its `sequence` rises each time it moves or is called off,
so a calendar replaces the copy it holds. Scheduling sends METHOD:REQUEST, a move sends
REQUEST again with the higher SEQUENCE, calling off sends METHOD:CANCEL. The services queue
one task per participant once their change commits (sessions_grow/tasks.py); a task whose
session has changed again since sends nothing, as the newer change has its own tasks.
Resending the same message is harmless: calendars match it by UID and SEQUENCE."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from icalendar import Event, vCalAddress

from engagements.models import User
from engagements.reminders import local_now, place_of
from kit import ical
from kit.languages import speaking_to
from sessions_grow.models import CoachingSession

logger = logging.getLogger(__name__)

# Calendars need an end: a scheduled session shows as an hour until it is held, when its
# recorded duration is known.
SESSION_LENGTH = timedelta(hours=1)


def participants(engagement_id: int) -> list[User]:
    """Whom a session's invitations go to: its engagement's coach, co-coaches and coachees
    (active, with an email address), in one query."""
    people = User.objects.filter(
        Q(coach__engagements=engagement_id) | Q(coach__co_engagements=engagement_id) | Q(coachee__engagements=engagement_id),
        is_active=True,
    ).exclude(email="")
    return list(people.distinct().order_by("pk"))


def session_title(session: CoachingSession) -> str:
    """A session as a calendar names it: its number and its engagement's title, nothing more."""
    return _("Coaching session %(number)s: %(engagement)s") % {
        "number": session.number,
        "engagement": session.engagement.title,
    }


def session_event(session: CoachingSession, *, zone: ZoneInfo, summary: str, link: str = "") -> Event:
    """A session as a VEVENT in `zone`: its stable UID, its SEQUENCE, its start and end."""
    start = session.scheduled_at.astimezone(zone)
    length = timedelta(minutes=session.duration_minutes) if session.duration_minutes else SESSION_LENGTH
    event = Event()
    event.add("uid", ical.uid("session", session.public_id))
    event.add("dtstamp", timezone.now())
    event.add("sequence", session.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + length)
    event.add("summary", summary)
    if link:
        event.add("url", link)
    return event


def when(moment: datetime, person: User) -> str:
    """A moment as `person` reads it: their day and hour, naming their time zone."""
    local = local_now(person, moment)
    day, hour = date_format(local, "l j F Y"), time_format(local, "H:i")
    zone = str(local.tzinfo)
    if zone == "UTC":
        return _("%(day)s at %(time)s (UTC)") % {"day": day, "time": hour}
    return _("%(day)s at %(time)s (%(place)s time)") % {"day": day, "time": hour, "place": place_of(zone)}


def _words(session: CoachingSession, person: User, by: User | None, change: str = "") -> tuple[str, str, str]:
    """The subject, the sentence saying what happened, and what the attachment does, in the
    recipient's words: "you" for the coach who made the change, the change itself for others,
    and for a person who joined or left the engagement, that."""
    facts = {
        "number": session.number,
        "engagement": session.engagement.title,
        "when": when(session.scheduled_at, person),
        "by": str(by) if by else _("Your coach"),
    }
    yours = by is not None and by.pk == person.pk
    if change == "left":
        return (
            _("Cancelled for you: session %(number)s of %(engagement)s, %(when)s") % facts,
            _("You no longer take part in %(engagement)s: session %(number)s, on %(when)s, is no longer yours.") % facts,
            _("The attached cancellation removes it from your calendar."),
        )
    if change == "joined":
        return (
            _("Invitation: session %(number)s of %(engagement)s, %(when)s") % facts,
            _("You now take part in %(engagement)s: session %(number)s takes place on %(when)s.") % facts,
            _("The attached invitation adds it to your calendar."),
        )
    if session.status == CoachingSession.Status.CANCELLED:
        return (
            _("Cancelled: session %(number)s of %(engagement)s, %(when)s") % facts,
            (_("You called off session %(number)s of %(engagement)s, which was to take place on %(when)s.")
             if yours else _("Session %(number)s of %(engagement)s, which was to take place on %(when)s, is cancelled.")) % facts,
            _("The attached cancellation removes it from your calendar."),
        )
    if session.sequence:
        return (
            _("Moved: session %(number)s of %(engagement)s, now %(when)s") % facts,
            (_("You moved session %(number)s of %(engagement)s to %(when)s.")
             if yours else _("Session %(number)s of %(engagement)s has moved: it now takes place on %(when)s.")) % facts,
            _("The attached invitation updates your calendar."),
        )
    return (
        _("Invitation: session %(number)s of %(engagement)s, %(when)s") % facts,
        (_("You scheduled session %(number)s of %(engagement)s for %(when)s.")
         if yours else _("%(by)s scheduled session %(number)s of %(engagement)s with you for %(when)s.")) % facts,
        _("The attached invitation adds it to your calendar."),
    )


def _cancels(session: CoachingSession, change: str) -> bool:
    """Whether the person's copy takes the session off their calendar."""
    return session.status == CoachingSession.Status.CANCELLED or change == "left"


def _calendar(session: CoachingSession, person: User, link: str, change: str = "") -> bytes:
    cancelled = _cancels(session, change)
    calendar = ical.new_calendar(method="CANCEL" if cancelled else "REQUEST")
    event = session_event(session, zone=local_now(person, session.scheduled_at).tzinfo, summary=session_title(session), link=link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # The organiser is the practice's own address, which reads no replies: the coach's
    # calendar then takes the invitation like everyone else's, and nobody is asked to answer.
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["CN"] = "Tandem"
    event.add("organizer", organiser)
    # Each person's copy names only them: a team's members are not told each other's addresses.
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params.update({"CN": str(person), "ROLE": "REQ-PARTICIPANT", "RSVP": "FALSE"})
    event.add("attendee", attendee)
    calendar.add_component(event)
    return ical.to_ical(calendar)


def build_invitation(session: CoachingSession, person: User, *, by: User | None, change: str = "") -> EmailMultiAlternatives:
    """The email to `person` about the session's latest change (or their joining or leaving
    its engagement): a sentence, a link, and the calendar message (inline for mail apps that
    read it, attached for the others)."""
    link = settings.SITE_URL.rstrip("/") + reverse("sessions_grow:detail", args=[session.public_id])
    subject, sentence, attachment_does = _words(session, person, by, change)
    body = "\n\n".join([
        _("Hello %(name)s,") % {"name": person.first_name or person.username},
        f"{sentence} {attachment_does}",
        _("The session in Tandem: %(link)s") % {"link": link},
    ]) + "\n"
    ics = _calendar(session, person, link, change)
    method = "CANCEL" if _cancels(session, change) else "REQUEST"
    message = EmailMultiAlternatives(subject, body, None, [person.email])
    message.attach_alternative(ics.decode(), f"text/calendar; method={method}")
    message.attach("cancellation.ics" if method == "CANCEL" else "invitation.ics", ics, "application/ics")
    return message


def send_invitation(*, session_id: int, sequence: int, recipient_id: int, by_id: int | None, change: str = "") -> bool:
    """Send `recipient` the invitation (or cancellation) for the session as it stands, unless
    it has changed again since `sequence` (that change has its own); whether one was sent.
    With `change` ("joined", "left"), only while the person still takes part, or still not."""
    session = CoachingSession.objects.select_related("engagement").filter(pk=session_id).first()
    person = User.objects.filter(pk=recipient_id, is_active=True).exclude(email="").first()
    if session is None or person is None or session.sequence != sequence:
        return False
    if session.status not in (CoachingSession.Status.SCHEDULED, CoachingSession.Status.CANCELLED):
        return False
    if change and (person in participants(session.engagement_id)) != (change == "joined"):
        return False  # they left again, or came back, since: that change has its own
    by = User.objects.filter(pk=by_id).first() if by_id else None
    with speaking_to(person):
        build_invitation(session, person, by=by, change=change).send()
    logger.info("session %s: invitation (sequence %s) sent to user %s", session_id, sequence, recipient_id)
    return True
