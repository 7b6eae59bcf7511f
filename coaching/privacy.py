"""The firm owns its data: a coachee's export, their erasure, and retention.

These acts cross every app (engagements, GROW sessions, MPC), so they live in the
project package, the one place allowed to know all three."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from engagements.models import ActionItem, Coachee, Engagement, Objective, User
from engagements.services import RuleBroken, ensure_admin, record_event
from mpc import models as mpc
from sessions_grow.models import CoachingSession, PrivateNote

ERASED = "[erased]"
ENDED_STATES = (Engagement.State.CLOSED, Engagement.State.DECLINED, Engagement.State.CANCELLED)


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def _item(item: ActionItem) -> dict[str, Any]:
    return {
        "plan": item.plan.kind,
        "title": item.title,
        "category": item.category,
        "owner": str(item.owner) if item.owner else None,
        "due_on": item.due_on,
        "status": item.status,
        "progress": item.progress,
    }


def _engagement(engagement: Engagement, person: User) -> dict[str, Any]:
    sessions = engagement.coaching_sessions.order_by("number")
    milestones = mpc.Milestone.objects.filter(goal__engagement=engagement).select_related("goal", "owner")
    return {
        "id": engagement.public_id,
        "title": engagement.title,
        "kind": engagement.kind,
        "state": engagement.state,
        "opened_on": engagement.opened_on,
        "coach": str(engagement.coach),
        "objectives": [
            {
                "statement": o.statement,
                "success_measure": o.success_measure,
                "baseline_rating": o.baseline_rating,
                "final_rating": o.final_rating,
                "outcome": o.outcome,
            }
            for o in engagement.objectives.all()
        ],
        "sessions": [
            {
                "number": s.number,
                "scheduled_at": s.scheduled_at,
                "status": s.status,
                "duration_minutes": s.duration_minutes,
                "summary": s.summary if s.summary_shared else None,
            }
            for s in sessions
        ],
        "action_items": [_item(i) for i in ActionItem.objects.filter(plan__engagement=engagement).select_related("plan", "owner")],
        "milestones": [
            {"goal": m.goal.title, "title": m.title, "due_on": m.due_on, "status": m.status, "progress": m.progress}
            for m in milestones
        ],
        "check_ins": [{"held_on": c.held_on, "notes": c.notes} for c in engagement.mpc_check_ins.order_by("held_on")],
        "evaluation": engagement.evaluation or None,
    }


@transaction.atomic
def export_coachee_data(*, coachee: Coachee, by: User) -> dict[str, Any]:
    """Everything Tandem holds for a coachee that is theirs to see, as JSON-ready data
    (never the coach's private notes or working GROW record)."""
    if not (by.is_practice_admin or by.pk == coachee.user_id):
        raise PermissionDenied("Only the coachee themself or an admin exports their data.")
    person = coachee.user
    engagements = list(coachee.engagements.select_related("coach__user").order_by("opened_on"))
    for engagement in engagements:
        record_event(engagement=engagement, by=by, action="coachee.exported", subject="data export")
    return {
        "exported_at": timezone.now(),
        "person": {
            "username": person.username,
            "name": person.get_full_name(),
            "email": person.email,
            "job_title": coachee.job_title,
            "organisation": str(coachee.organisation) if coachee.organisation else None,
        },
        "engagements": [_engagement(e, person) for e in engagements],
    }


# ---------------------------------------------------------------------------
# Erasure
# ---------------------------------------------------------------------------


def _scrub_individual(engagement: Engagement) -> None:
    """Free text of a one-client engagement goes; dates, states, hours and ratings stay."""
    engagement.title = "Erased engagement"
    engagement.location = ""
    engagement.evaluation = ERASED if engagement.evaluation else ""
    engagement.save(update_fields=["title", "location", "evaluation", "updated_at"])
    Objective.objects.filter(engagement=engagement).update(statement=ERASED, success_measure=ERASED)
    CoachingSession.objects.filter(engagement=engagement).update(
        goal_review="", goal_today="", reality_questions="", reality_insights="",
        options_explored="", options_strategies="", summary="",
    )
    PrivateNote.objects.filter(session__engagement=engagement).delete()
    ActionItem.objects.filter(plan__engagement=engagement).update(title=ERASED)
    for model in (mpc.Customer, mpc.Partner, mpc.Factor, mpc.Mission, mpc.Resource, mpc.Role, mpc.TeamObservation, mpc.ActivityFlow):
        model.objects.filter(engagement=engagement).delete()
    mpc.AuditRating.objects.filter(engagement=engagement).update(notes="")
    mpc.Goal.objects.filter(engagement=engagement).update(title=ERASED, metric="")
    mpc.Milestone.objects.filter(goal__engagement=engagement).update(title=ERASED)
    mpc.CheckIn.objects.filter(engagement=engagement).update(notes="")
    if hasattr(engagement, "exploratory"):
        engagement.exploratory.summary = ""
        engagement.exploratory.save(update_fields=["summary"])


def _scrub_member(engagement: Engagement, person: User) -> None:
    """In team coaching the team's work stays; what is this member's own goes."""
    ActionItem.objects.filter(plan__engagement=engagement, owner=person).update(title=ERASED, owner=None)
    mpc.Milestone.objects.filter(goal__engagement=engagement, owner=person).update(owner=None)
    mpc.Role.objects.filter(engagement=engagement, holder=person).delete()
    mpc.TeamObservation.objects.filter(engagement=engagement, member=person).delete()
    mpc.ActivityFlow.objects.filter(engagement=engagement, owner=person).delete()


@transaction.atomic
def erase_coachee(*, coachee: Coachee, by: User) -> None:
    """Erase a coachee irreversibly: their identity and their free text go; what the
    practice counts (engagements, states, hours, ratings) stays, anonymous."""
    ensure_admin(by)
    coachee = Coachee.objects.select_for_update().select_related("user").get(pk=coachee.pk)
    if coachee.engagements.open().exists():
        raise RuleBroken("coachee_has_open_engagement", "end or cancel this coachee's open engagements before erasing them")
    person = coachee.user
    for engagement in coachee.engagements.all():
        if engagement.kind == Engagement.Kind.INDIVIDUAL:
            _scrub_individual(engagement)
        else:
            _scrub_member(engagement, person)
        record_event(engagement=engagement, by=by, action="coachee.erased", subject="a coachee was erased")
    Token.objects.filter(user=person).delete()
    person.username = f"erased-{uuid.uuid4().hex[:12]}"
    person.first_name = person.last_name = person.email = ""
    person.is_active = False
    person.set_unusable_password()
    person.save()
    coachee.job_title = ""
    coachee.organisation = None
    coachee.save(update_fields=["job_title", "organisation"])


# ---------------------------------------------------------------------------
# Retention
# ---------------------------------------------------------------------------


def retention_cutoff(today: date) -> date | None:
    """The day before which ended engagements are purged, or None when retention is off."""
    months = settings.TANDEM_RETENTION_MONTHS
    return today - timedelta(days=round(months * 30.44)) if months else None


@transaction.atomic
def purge_ended_engagements(*, today: date | None = None) -> int:
    """Delete engagements that ended longer ago than the retention period, keeping
    their audit rows (without content); returns how many were purged."""
    cutoff = retention_cutoff(today or timezone.localdate())
    if cutoff is None:
        return 0
    expired = Engagement.objects.filter(state__in=ENDED_STATES, updated_at__date__lt=cutoff).select_for_update()
    count = 0
    for engagement in expired:
        record_event(engagement=engagement, by=None, action="engagement.purged", subject="retention period over")
        engagement.delete()
        count += 1
    return count
