"""Rule-bound changes to GROW sessions: schedule, hold, cancel, agree actions, notes."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

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
    ensure_state(engagement, Engagement.State.ACTIVE, doing="schedule a session")
    if timezone.localdate(scheduled_at) < engagement.opened_on:
        raise ValidationError({"scheduled_at": "A session cannot be dated before its engagement opened."})
    number = (engagement.coaching_sessions.aggregate(n=Max("number"))["n"] or 0) + 1
    session = CoachingSession(engagement=engagement, number=number, scheduled_at=scheduled_at)
    save_valid(session)
    record_event(engagement=engagement, by=by, action="session.scheduled", subject=f"session {number}")
    return session


def _locked(session: CoachingSession) -> CoachingSession:
    return CoachingSession.objects.select_for_update().select_related("engagement").get(pk=session.pk)


def _move(session: CoachingSession, status: str) -> str:
    if not session.can_move_to(status):
        raise RuleBroken(
            "session_transition_not_allowed", f"a {session.get_status_display().lower()} session cannot become {status}"
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
    """Record a session as held with its four GROW stages; its duration counts as hours used."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    ensure_state(session.engagement, Engagement.State.ACTIVE, doing="hold a session")
    if unknown := set(grow) - set(GROW_FIELDS):
        raise ValidationError(f"Not a GROW field: {', '.join(sorted(unknown))}.")
    held_at = held_at or timezone.now()
    if timezone.localdate(held_at) < session.engagement.opened_on:
        raise ValidationError({"held_at": "A session cannot be held before its engagement opened."})
    from_status = _move(session, CoachingSession.Status.HELD)
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
def call_off_session(*, session: CoachingSession, by: User, no_show: bool = False) -> CoachingSession:
    """Mark a scheduled session cancelled, or a no-show when the client did not come."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    ensure_state(session.engagement, *Engagement.OPEN_STATES, doing="call off a session")
    status = CoachingSession.Status.NO_SHOW if no_show else CoachingSession.Status.CANCELLED
    from_status = _move(session, status)
    session.save(update_fields=["status", "updated_at"])
    record_event(
        engagement=session.engagement,
        by=by,
        action="session.called_off",
        subject=f"session {session.number}",
        from_state=from_status,
        to_state=status,
    )
    return session


@transaction.atomic
def update_session_record(*, session: CoachingSession, by: User, share_summary: bool | None = None, **grow) -> CoachingSession:
    """Amend the GROW record or the shared summary of a held session."""
    ensure_coach_of(session.engagement, by)
    session = _locked(session)
    if session.status != CoachingSession.Status.HELD:
        raise RuleBroken("session_not_held", "only a held session has a GROW record")
    if unknown := set(grow) - set(GROW_FIELDS):
        raise ValidationError(f"Not a GROW field: {', '.join(sorted(unknown))}.")
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
        raise RuleBroken("session_not_held", "actions are agreed in a held session")
    if due_on is not None and session.held_at and due_on < timezone.localdate(session.held_at):
        raise ValidationError({"due_on": "An action cannot be due before the session that agreed it."})
    plan = plan_for(session.engagement, ActionPlan.Kind.SESSIONS)
    item = add_action_item(plan=plan, title=title, by=by, owner=owner, due_on=due_on)
    session.agreed_items.add(item)
    return item


@transaction.atomic
def write_private_note(*, session: CoachingSession, body: str, by: User) -> PrivateNote:
    """Keep a coach's private note on a session; only its author will ever read it."""
    ensure_coach_of(session.engagement, by)
    note, _ = PrivateNote.objects.select_for_update().get_or_create(
        session=session, author=by, defaults={"body": body}
    )
    if note.body != body:
        note.body = body
        note.save(update_fields=["body", "updated_at"])
    record_event(engagement=session.engagement, by=by, action="session.note_written", subject=f"session {session.number}")
    return note
