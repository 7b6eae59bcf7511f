"""The firm owns its data: a coachee's export, their erasure, and retention.

These acts cross every app (engagements, GROW sessions, MPC), so they live in the
project package, the one place allowed to know all three."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaching.models import CalendarFeed
from coaching.tokens import revoke_all_tokens
from engagements.models import (
    ActionItem,
    ActionPlan,
    Coachee,
    Engagement,
    EngagementEvent,
    EngagementReport,
    Objective,
    Reminder,
    SponsorConsent,
    User,
)
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
    # In team coaching a member's export holds their own items and the team's shared ones,
    # never what belongs to another member.
    others = engagement.coachees.exclude(user=person).values("user")
    items = ActionItem.objects.filter(plan__engagement=engagement).exclude(owner__in=others).select_related("plan", "owner")
    milestones = (
        mpc.Milestone.objects.filter(goal__engagement=engagement).exclude(owner__in=others).select_related("goal", "owner")
    )
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
        "action_items": [_item(i) for i in items],
        "milestones": [
            {"goal": m.goal.title, "title": m.title, "due_on": m.due_on, "status": m.status, "progress": m.progress}
            for m in milestones
        ],
        "check_ins": [{"held_on": c.held_on, "notes": c.notes} for c in engagement.mpc_check_ins.order_by("held_on")],
        "evaluation": engagement.evaluation or None,
        "reports": [
            {"version": r.version, "status": r.status, "produced_at": r.produced_at, "decided_at": r.decided_at, "content": r.content}
            for r in engagement.reports.order_by("version")
        ],
        "sponsor_consents": [
            {"given_at": c.given_at, "withdrawn_at": c.withdrawn_at}
            for c in SponsorConsent.objects.filter(engagement=engagement, person=person)
        ],
    }


@transaction.atomic
def export_coachee_data(*, coachee: Coachee, by: User) -> dict[str, Any]:
    """Everything Tandem holds for a coachee that is theirs to see, as JSON-ready data
    (never the coach's private notes or working GROW record)."""
    if not (by.is_practice_admin or by.pk == coachee.user_id):
        raise PermissionDenied(_("Only the coachee themself or an admin exports their data."))
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
    ActionPlan.objects.filter(engagement=engagement).update(aim="")
    # The plan's items stay (erased); what tied them to the records erased below goes first.
    mpc.PlanLink.objects.filter(item__plan__engagement=engagement).delete()
    for model in (mpc.Customer, mpc.Partner, mpc.Factor, mpc.Mission, mpc.Resource, mpc.Role, mpc.TeamObservation, mpc.ActivityFlow):
        model.objects.filter(engagement=engagement).delete()
    mpc.AuditRating.objects.filter(engagement=engagement).update(notes="")
    # A quantitative goal must name its metric, a qualitative one its sign of success
    # (database checks): erased, not emptied.
    mpc.Goal.objects.filter(engagement=engagement).update(
        title=ERASED,
        metric=Case(When(metric="", then=Value("")), default=Value(ERASED)),
        success_sign=Case(When(success_sign="", then=Value("")), default=Value(ERASED)),
    )
    mpc.Milestone.objects.filter(goal__engagement=engagement).update(title=ERASED)
    mpc.MilestoneUpdate.objects.filter(milestone__goal__engagement=engagement).update(note="")
    mpc.CheckIn.objects.filter(engagement=engagement).update(notes="")
    EngagementReport.objects.filter(engagement=engagement).delete()  # a copy of all of the above
    if hasattr(engagement, "exploratory"):
        engagement.exploratory.summary = ""
        engagement.exploratory.save(update_fields=["summary"])


def _scrub_member(engagement: Engagement, person: User) -> None:
    """In team coaching the team's work stays; what is this member's own goes."""
    ActionItem.objects.filter(plan__engagement=engagement, owner=person).update(title=ERASED, owner=None)
    mpc.Milestone.objects.filter(goal__engagement=engagement, owner=person).update(owner=None)
    mpc.PlanLink.objects.filter(role__engagement=engagement, role__holder=person).delete()  # the item stays, about nothing erased
    mpc.Role.objects.filter(engagement=engagement, holder=person).delete()
    mpc.TeamObservation.objects.filter(engagement=engagement, member=person).delete()
    mpc.ActivityFlow.objects.filter(engagement=engagement, owner=person).delete()
    name = str(person)
    for report in EngagementReport.objects.filter(engagement=engagement):
        content = report.content
        content["coachees"] = [ERASED if member == name else member for member in content.get("coachees", [])]
        for objective in content.get("objectives", []):
            objective["own"] = [own for own in objective.get("own", []) if own.get("person") != name]
        report.save(update_fields=["content"])


def _forget_login_traces(person: User, engagements: list[Engagement]) -> None:
    """What the login machinery and support tools keep about a person: tokens, devices,
    axes' records (by username and email), reminders (their errors quote the address),
    their calendar feed, Django admin's history of their rows."""
    revoke_all_tokens(user=person)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    logins = Q()
    for name in filter(None, {person.username, person.email}):
        logins |= Q(username__iexact=name)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(logins).delete()
    Reminder.objects.filter(recipient=person).delete()
    CalendarFeed.objects.filter(user=person).delete()  # its URL opened their sessions without a login
    rows = [(User, [person.pk]), (Coachee, [person.coachee.pk])]
    rows += [(Engagement, [e.pk for e in engagements if e.kind == Engagement.Kind.INDIVIDUAL])]
    for model, pks in rows:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
        ).update(object_repr=ERASED, change_message="")


@transaction.atomic
def erase_coachee(*, coachee: Coachee, by: User, reason: str = "") -> None:
    """Erase a coachee irreversibly: their identity and their free text go; what the
    practice counts (engagements, states, hours, ratings) stays, anonymous. The reason is
    the admin's (e.g. "their request of 12 November"), kept in each engagement's history."""
    ensure_admin(by)
    coachee = Coachee.objects.select_for_update().select_related("user").get(pk=coachee.pk)
    if coachee.engagements.open().exists():
        raise RuleBroken(
            "coachee_has_open_engagement", _("end or cancel this coachee's open engagements before erasing them")
        )
    person = coachee.user
    engagements = list(coachee.engagements.all())
    for engagement in engagements:
        if engagement.kind == Engagement.Kind.INDIVIDUAL:
            _scrub_individual(engagement)
        else:
            _scrub_member(engagement, person)
        record_event(engagement=engagement, by=by, action="coachee.erased", subject="a coachee was erased", reason=reason)
    # Trail rows written before subjects were kept free of content held the opening title.
    EngagementEvent.objects.filter(engagement__in=engagements, action="engagement.opened").update(subject="")
    _forget_login_traces(person, engagements)
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
