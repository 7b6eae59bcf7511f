"""Scheduling, moving and calling off a session emails its coach, co-coaches and coachees
an invitation each, in their own time zone: one UID for the session's life, a SEQUENCE
that rises with each change, METHOD:CANCEL when it is called off. Each is parsed here with
`icalendar`, as a calendar application would read it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from engagements import services
from engagements.models import EngagementEvent
from sessions_grow import invitations
from sessions_grow import services as grow
from sessions_grow.models import CoachingSession
from tests.calendar.conftest import MONDAY, calendar_of, to
from tests.conftest import client_for


@pytest.fixture
def scheduled(co_coached, zoned, alice, django_capture_on_commit_callbacks):
    """Session 1 of alice's engagement with carol (bob co-coaches), scheduled by alice for MONDAY."""
    with django_capture_on_commit_callbacks(execute=True):
        session = grow.schedule_session(engagement=co_coached, scheduled_at=MONDAY, by=alice)
    return session


def event_of(message):
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_scheduling_invites_each_coach_and_coachee_in_their_own_time_zone(scheduled, alice, bob, carol):
    sent = {tuple(m.to): event_of(m) for m in mail.outbox}

    assert set(sent) == {(alice.email,), (bob.email,), (carol.email,)}
    starts = {to: event.decoded("dtstart") for to, (_, event) in sent.items()}
    assert starts[(carol.email,)].tzinfo == ZoneInfo("Europe/Paris") and starts[(carol.email,)].hour == 10
    assert starts[(alice.email,)].tzinfo == ZoneInfo("America/New_York") and starts[(alice.email,)].hour == 4
    assert starts[(bob.email,)].hour == 9
    for calendar, event in sent.values():
        assert calendar["method"] == "REQUEST"
        assert event.decoded("dtstart") == MONDAY and event.decoded("dtend") == MONDAY + timedelta(hours=1)
        assert event["uid"] == sent[(carol.email,)][1]["uid"]  # one UID: everyone holds the same event
        assert event["sequence"] == 0 and event["status"] == "CONFIRMED"
        assert event["summary"] == "Coaching session 1: Leadership"
    # Each copy names its own recipient only, with a VTIMEZONE for the zone it uses.
    (_, carols) = sent[(carol.email,)]
    assert str(carols["attendee"]) == f"mailto:{carol.email}"
    assert [tz["tzid"] for tz in sent[(carol.email,)][0].walk("VTIMEZONE")] == ["Europe/Paris"]


def test_each_move_sends_the_same_event_with_a_higher_sequence(scheduled, alice, carol, django_capture_on_commit_callbacks):
    uid = event_of(to(carol))[1]["uid"]

    sequences = []
    for hours in (24, 48):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            grow.reschedule_session(session=scheduled, scheduled_at=MONDAY + timedelta(hours=hours), reason="Carol travels", by=alice)
        calendar, event = event_of(to(carol))
        assert calendar["method"] == "REQUEST" and event["uid"] == uid
        assert event.decoded("dtstart") == MONDAY + timedelta(hours=hours)
        assert event.decoded("dtstart").tzinfo == ZoneInfo("Europe/Paris")
        sequences.append(event["sequence"])

    assert sequences == [1, 2]
    assert len(mail.outbox) == 3  # alice, bob and carol each get the update


def test_calling_off_sends_a_cancellation_of_the_same_event(scheduled, alice, bob, carol, django_capture_on_commit_callbacks):
    uid = event_of(to(carol))[1]["uid"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        grow.call_off_session(session=scheduled, reason="Carol is ill", by=alice)

    assert {tuple(m.to) for m in mail.outbox} == {(alice.email,), (bob.email,), (carol.email,)}
    calendar, event = event_of(to(carol))
    assert calendar["method"] == "CANCEL"
    assert (event["uid"], event["sequence"], event["status"]) == (uid, 1, "CANCELLED")
    assert to(carol).attachments[0].filename == "cancellation.ics"
    assert "ill" not in to(carol).body  # the reason stays in the history


def test_a_no_show_sends_nothing(active, alice, django_capture_on_commit_callbacks):
    session = grow.schedule_session(engagement=active, scheduled_at=MONDAY - timedelta(days=300), by=alice)

    with django_capture_on_commit_callbacks(execute=True):
        grow.call_off_session(session=session, reason="Carol did not come", no_show=True, by=alice)

    assert mail.outbox == []


def test_nothing_is_sent_for_a_change_that_rolls_back(active, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            grow.schedule_session(engagement=active, scheduled_at=MONDAY, by=alice)
            raise RuntimeError("the request failed after scheduling")

    assert mail.outbox == []


def test_a_task_for_an_older_change_sends_nothing(scheduled, alice, carol, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grow.reschedule_session(session=scheduled, scheduled_at=MONDAY + timedelta(days=1), reason="Room taken", by=alice)
    mail.outbox.clear()

    sent = invitations.send_invitation(session_id=scheduled.pk, sequence=0, recipient_id=carol.pk, by_id=alice.pk)

    assert sent is False and mail.outbox == []


def test_the_emails_say_what_happened_in_each_recipients_words(scheduled, alice, bob, carol, django_capture_on_commit_callbacks):
    invited = {person.username: to(person) for person in (alice, bob, carol)}
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        grow.reschedule_session(session=scheduled, scheduled_at=MONDAY + timedelta(days=1), reason="Room taken", by=alice)
    moved = to(carol)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        grow.call_off_session(session=scheduled, reason="Carol is ill", by=alice)
    cancelled = {person.username: to(person) for person in (alice, carol)}
    for message in [*invited.values(), moved, *cancelled.values()]:
        print(f"To: {message.to[0]}\nSubject: {message.subject}\n\n{message.body}\n{'-' * 60}")

    assert invited["carol"].subject == "Invitation: session 1 of Leadership, Monday 14 December 2026 at 10:30 (Paris time)"
    assert invited["carol"].body.startswith(
        "Hello Carol,\n\nAlice Coach scheduled session 1 of Leadership with you for Monday 14 December 2026 at 10:30 (Paris time)."
        " The attached invitation adds it to your calendar.\n\nThe session in Tandem: http"
    )
    assert "You scheduled session 1 of Leadership for Monday 14 December 2026 at 04:30 (New York time)." in invited["alice"].body
    assert "Monday 14 December 2026 at 09:30 (UTC)" in invited["bob"].body
    assert moved.subject == "Moved: session 1 of Leadership, now Tuesday 15 December 2026 at 10:30 (Paris time)"
    assert "Session 1 of Leadership has moved: it now takes place on Tuesday 15 December 2026 at 10:30 (Paris time)." in moved.body
    assert "Room taken" not in moved.body
    assert "is cancelled. The attached cancellation removes it from your calendar." in cancelled["carol"].body
    assert "You called off session 1 of Leadership, which was to take place on Tuesday 15 December 2026 at 04:30 (New York time)." in cancelled["alice"].body


def test_the_api_and_the_page_send_the_invitations_too(active, alice, carol, django_capture_on_commit_callbacks):
    from tests.pages.conftest import client_for as page_client

    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post("/api/v1/sessions/", {"engagement": str(active.public_id), "scheduled_at": MONDAY.isoformat()}, format="json")
    by_api = to(carol)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page_client(alice).post(f"/engagements/{active.public_id}/sessions/new/", {"token": uuid.uuid4(), "scheduled_at": "2026-12-21T09:30"})
    by_page = to(carol)

    assert event_of(by_api)[1]["summary"] == "Coaching session 1: Leadership"
    assert event_of(by_page)[1]["summary"] == "Coaching session 2: Leadership"


def test_an_invitation_reads_in_french_with_french_dates(scheduled, alice, carol):
    carol.language = "fr"  # her choice, whatever the sender's language
    carol.save(update_fields=["language"])
    mail.outbox.clear()
    invitations.send_invitation(session_id=scheduled.pk, sequence=scheduled.sequence, recipient_id=carol.pk, by_id=alice.pk)
    message = to(carol)
    print(f"Subject: {message.subject}\n\n{message.body}")

    assert message.subject == "Invitation : séance 1 de Leadership, lundi 14 décembre 2026 à 10:30 (heure de Paris)"
    assert message.body.startswith(
        "Bonjour Carol,\n\nAlice Coach a programmé avec vous la séance 1 de Leadership le lundi 14 décembre 2026 à 10:30"
        " (heure de Paris). L'invitation jointe l'ajoute à votre agenda.\n\nLa séance dans Tandem : http"
    )
    assert event_of(message)[1]["summary"] == "Séance de coaching 1 : Leadership"


def test_ending_the_engagement_calls_off_its_scheduled_sessions(scheduled, alice, bob, carol, ada, django_capture_on_commit_callbacks):
    """Cancelling (or closing, or declining) an engagement takes its sessions still scheduled
    off everyone's calendar: each is called off, in the history, and its cancellation sent."""
    uid = event_of(to(carol))[1]["uid"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.transition_engagement(engagement=scheduled.engagement, to="cancelled", reason="The sponsor withdrew", by=ada)

    scheduled.refresh_from_db()
    assert scheduled.status == CoachingSession.Status.CANCELLED
    calendar, event = event_of(to(carol))
    assert (calendar["method"], event["uid"], event["sequence"]) == ("CANCEL", uid, 1)
    assert {tuple(m.to) for m in mail.outbox} == {(alice.email,), (bob.email,), (carol.email,)}
    called_off = EngagementEvent.objects.get(action="session.called_off")
    assert called_off.reason == "The engagement is cancelled. The sponsor withdrew"


def test_a_co_coach_named_later_is_invited_and_one_taken_off_gets_the_cancellation(active, zoned, alice, bob, carol, ada, django_capture_on_commit_callbacks):
    """Naming a co-coach after sessions were scheduled sends them each session still to come;
    taking them off sends them its cancellation. Nobody else is emailed either time."""
    with django_capture_on_commit_callbacks(execute=True):
        session = grow.schedule_session(engagement=active, scheduled_at=timezone.now() + timedelta(days=14), by=alice)
    uid = event_of(to(carol))[1]["uid"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_co_coach(engagement=active, coach=bob.coach, by=ada)

    assert [m.to for m in mail.outbox] == [[bob.email]]
    calendar, event = event_of(to(bob))
    assert (calendar["method"], event["uid"], event["sequence"]) == ("REQUEST", uid, session.sequence)
    assert "You now take part in" in to(bob).body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_co_coach(engagement=active, coach=bob.coach, by=ada)

    assert [m.to for m in mail.outbox] == [[bob.email]]
    calendar, event = event_of(to(bob))
    assert (calendar["method"], event["uid"]) == ("CANCEL", uid)
    assert to(bob).attachments[0].filename == "cancellation.ics"
    assert "You no longer take part in" in to(bob).body
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.SCHEDULED  # still on for the others
