"""Rule-bound changes to GROW sessions: schedule, hold, cancel, agree actions, notes."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagements.models import ActionItem, ActionPlan, Engagement, User
from engagements.services import (
    RuleBroken,
    add_action_item,
    ensure_coach_of,
    ensure_state,
    lock,
    plan_for,
    record_event,
    save_valid,
)
from sessions_grow.models import CoachingSession, PrivateNote
from sessions_grow.tasks import queue_invitations, send_session_invitation

GROW_FIELDS = (
    "goal_review",
    "goal_today",
    "reality_questions",
    "reality_insights",
    "options_explored",
    "options_strategies",
    "commitment",
    "summary",
)


@transaction.atomic
def schedule_session(*, engagement: Engagement, scheduled_at: datetime, by: User) -> CoachingSession:
    """Schedule the next numbered GROW session of an active engagement."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)  # numbers are handed out one at a time
    ensure_state(engagement, Engagement.State.ACTIVE, doing=_("schedule a session"))
    if timezone.localdate(scheduled_at) < engagement.opened_on:
        raise ValidationError({"scheduled_at": _("A session cannot be dated before its engagement opened.")})
    number = (engagement.coaching_sessions.aggregate(n=Max("number"))["n"] or 0) + 1
    session = CoachingSession(engagement=engagement, number=number, scheduled_at=scheduled_at)
    save_valid(session)
    record_event(engagement=engagement, by=by, action="session.scheduled", subject=f"session {number}")
    _invite_on_commit(session, by)
    return session


def _invite_on_commit(session: CoachingSession, by: User) -> None:
    """Once the change commits, every participant is emailed the session's invitation (or
    its cancellation) as it now stands; robust: a broker outage must not undo the change."""
    transaction.on_commit(
        partial(
            queue_invitations,
            session_id=session.pk,
            engagement_id=session.engagement_id,
            sequence=session.sequence,
            by_id=by.pk,
        ),
        robust=True,
    )


@transaction.atomic
def reschedule_session(*, session: CoachingSession, scheduled_at: datetime, reason: str, by: User) -> CoachingSession:
    """Move a scheduled session to another time, saying why; its coaches and coachees are
    emailed the updated invitation (never the reason)."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    ensure_state(session.engagement, Engagement.State.ACTIVE, Engagement.State.PAUSED, doing=_("reschedule a session"))
    if session.status != CoachingSession.Status.SCHEDULED:
        raise RuleBroken(
            "session_not_scheduled",
            _("session %(number)s is %(status)s: only a scheduled session moves")
            % {"number": session.number, "status": session.get_status_display().lower()},
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the session moves (the client is told it moved, not why).")})
    if timezone.localdate(scheduled_at) < session.engagement.opened_on:
        raise ValidationError({"scheduled_at": _("A session cannot be dated before its engagement opened.")})
    if scheduled_at == session.scheduled_at:
        raise ValidationError({"scheduled_at": _("That is when the session is already scheduled.")})
    session.scheduled_at = scheduled_at
    session.sequence += 1  # calendars replace the invitation they hold by the newer one
    save_valid(session)
    record_event(
        engagement=session.engagement, by=by, action="session.rescheduled", subject=f"session {session.number}", reason=reason
    )
    _invite_on_commit(session, by)
    return session


def _ensure_held_on_its_day(session: CoachingSession, held_at: datetime) -> None:
    """A session is held on the day it is scheduled for, and not before it comes: the
    coach and the client then read the same date (one that moved is rescheduled first)."""
    scheduled_on = timezone.localdate(session.scheduled_at)
    if session.scheduled_at > timezone.now() or held_at > timezone.now():
        raise RuleBroken(
            "session_not_yet",
            _("session %(number)s is scheduled for %(day)s: record it as held once it has taken place")
            % {"number": session.number, "day": date_format(scheduled_on, "d M Y")},
        )
    if timezone.localdate(held_at) != scheduled_on:
        raise ValidationError(
            {"held_at": _(
                "Session %(number)s is scheduled for %(day)s: if it took place on another day, reschedule it first."
            ) % {"number": session.number, "day": date_format(scheduled_on, "d M Y")}}
        )


def _locked(session: CoachingSession) -> CoachingSession:
    return CoachingSession.objects.select_for_update().select_related("engagement").get(pk=session.pk)


def _move(session: CoachingSession, status: str) -> str:
    if not session.can_move_to(status):
        raise RuleBroken(
            "session_transition_not_allowed",
            _("a %(status)s session cannot become %(next)s")
            % {"status": session.get_status_display().lower(), "next": CoachingSession.Status(status).label.lower()},
        )
    from_status, session.status = session.status, status
    return from_status


@transaction.atomic
def hold_session(
    *,
    session: CoachingSession,
    duration_minutes: int,
    by: User,
    held_at: datetime | None = None,
    share_summary: bool = False,
    **grow,
) -> CoachingSession:
    """Record a session as held, on the day it was scheduled (once that has come), with its
    four GROW stages; its duration counts as hours used."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    ensure_state(session.engagement, Engagement.State.ACTIVE, doing=_("hold a session"))
    if unknown := set(grow) - set(GROW_FIELDS):
        raise ValidationError(_("Not a GROW field: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    from_status = _move(session, CoachingSession.Status.HELD)
    held_at = held_at or session.scheduled_at
    _ensure_held_on_its_day(session, held_at)
    for field, value in grow.items():
        setattr(session, field, value)
    session.duration_minutes = duration_minutes
    session.held_at = held_at
    session.held_by = by
    session.summary_shared = share_summary
    save_valid(session)
    record_event(
        engagement=session.engagement,
        by=by,
        action="session.held",
        subject=f"session {session.number}",
        from_state=from_status,
        to_state=session.status,
    )
    return session


@transaction.atomic
def call_off_session(*, session: CoachingSession, by: User, reason: str, no_show: bool = False) -> CoachingSession:
    """Mark a scheduled session cancelled, or a no-show when the client did not come,
    saying why (kept in the history; it cannot be undone). A cancelled session's
    participants are emailed its cancellation, which takes it off their calendars."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    ensure_state(session.engagement, *Engagement.OPEN_STATES, doing=_("call off a session"))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the session did not take place: it is kept in the history.")})
    status = CoachingSession.Status.NO_SHOW if no_show else CoachingSession.Status.CANCELLED
    from_status = _move(session, status)
    # A no-show is recorded once the time has passed: the session stays in calendars as it was.
    cancelled = status == CoachingSession.Status.CANCELLED
    if cancelled:
        session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    record_event(
        engagement=session.engagement,
        by=by,
        action="session.called_off",
        subject=f"session {session.number}",
        from_state=from_status,
        to_state=status,
        reason=reason.strip(),
    )
    if cancelled:
        _invite_on_commit(session, by)
    return session


def call_off_with_the_engagement(*, engagement: Engagement, by: User, reason: str = "", **kwargs) -> None:
    """When an engagement ends (engagements.signals.engagement_ended, in its transaction),
    its sessions still scheduled are called off with it and their cancellations emailed:
    nobody keeps in their calendar a session that will not take place."""
    ended = _("The engagement is %(state)s.") % {"state": engagement.get_state_display().lower()}
    for session in CoachingSession.objects.select_for_update().filter(engagement=engagement, status=CoachingSession.Status.SCHEDULED):
        from_status = _move(session, CoachingSession.Status.CANCELLED)
        session.sequence += 1
        session.save(update_fields=["status", "sequence", "updated_at"])
        record_event(
            engagement=engagement, by=by, action="session.called_off", subject=f"session {session.number}",
            from_state=from_status, to_state=session.status, reason=f"{ended} {reason}".strip(),
        )
        _invite_on_commit(session, by)


def invite_who_joined_or_left(*, engagement: Engagement, person: User, joined: bool, by: User, **kwargs) -> None:
    """When someone joins an engagement under way or leaves it
    (engagements.signals.participant_changed, in its transaction), they are emailed, once it
    commits, the invitation of each session still to come, or its cancellation for them."""
    change = "joined" if joined else "left"
    upcoming = CoachingSession.objects.filter(
        engagement=engagement, status=CoachingSession.Status.SCHEDULED, scheduled_at__gte=timezone.now()
    )
    for session in upcoming:
        task = partial(
            send_session_invitation.delay,
            session_id=session.pk, sequence=session.sequence, recipient_id=person.pk, by_id=by.pk, change=change,
        )
        transaction.on_commit(task, robust=True)


@transaction.atomic
def update_session_record(*, session: CoachingSession, by: User, share_summary: bool | None = None, **grow) -> CoachingSession:
    """Amend the GROW record or the shared summary of a held session."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    if session.status != CoachingSession.Status.HELD:
        raise RuleBroken("session_not_held", _("only a held session has a GROW record"))
    if unknown := set(grow) - set(GROW_FIELDS):
        raise ValidationError(_("Not a GROW field: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for field, value in grow.items():
        setattr(session, field, value)
    if share_summary is not None:
        session.summary_shared = share_summary
    save_valid(session)
    record_event(engagement=session.engagement, by=by, action="session.updated", subject=f"session {session.number}")
    return session


@transaction.atomic
def agree_action(
    *, session: CoachingSession, title: str, by: User, owner: User | None = None, due_on: date | None = None
) -> ActionItem:
    """A Will: an action agreed in a session lands on the engagement's action plan."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    if session.status != CoachingSession.Status.HELD:
        raise RuleBroken("session_not_held", _("actions are agreed in a held session"))
    if due_on is not None and session.held_at and due_on < timezone.localdate(session.held_at):
        raise ValidationError({"due_on": _("An action cannot be due before the session that agreed it.")})
    plan = plan_for(session.engagement, ActionPlan.Kind.SESSIONS)
    item = add_action_item(plan=plan, title=title, by=by, owner=owner, due_on=due_on)
    session.agreed_items.add(item)
    return item


@transaction.atomic
def write_private_note(*, session: CoachingSession, body: str, by: User) -> PrivateNote:
    """Keep a coach's private note on a session; only its author will ever read it."""
    ensure_coach_of(session.engagement, by)
    note, _created = PrivateNote.objects.select_for_update().get_or_create(
        session=session, author=by, defaults={"body": body}
    )
    if note.body != body:
        note.body = body
        note.save(update_fields=["body", "updated_at"])
    record_event(engagement=session.engagement, by=by, action="session.note_written", subject=f"session {session.number}")
    return note
