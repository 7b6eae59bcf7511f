"""Stages 3 and 4: the mission, the goals with their milestones and activity flows, and
the next goals set in monitoring once a milestone is reached."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engagements.models import Engagement, User
from engagements.services import RuleBroken, ensure_member, record_event
from mpc.models import ActivityFlow, Goal, Milestone, Mission, Stage
from mpc.services.stages import ensure_not_before_opening, monitoring_stage, save_record, writable_stage


# ---------------------------------------------------------------------------
# Stage 3 — mission
# ---------------------------------------------------------------------------


@transaction.atomic
def define_mission(
    *, engagement: Engagement, statement: str, values: str, by: User, aspirations: str = ""
) -> Mission:
    """Write (or rewrite) the project's mission and the values and aspirations it integrates."""
    writable_stage(engagement, Stage.Number.MISSION, by=by, doing=_("define the mission"))
    mission = Mission.objects.filter(engagement=engagement).first() or Mission(engagement=engagement)
    mission.statement, mission.values, mission.aspirations = statement, values, aspirations
    save_record(mission)
    record_event(engagement=engagement, by=by, action="mpc.mission_defined", subject="mission")
    return mission


# ---------------------------------------------------------------------------
# Stage 4 — goals, milestones, activity flows
# ---------------------------------------------------------------------------


def _new_goal(engagement: Engagement, *, by: User, follows: Milestone | None = None, **fields) -> Goal:
    goal = Goal(engagement=engagement, follows=follows, **fields)
    ensure_not_before_opening(engagement, goal.deadline, field="deadline", what=_("A goal cannot be due"))
    save_record(goal)
    record_event(engagement=engagement, by=by, action="mpc.goal_added", subject=f"goal {goal.pk}")
    return goal


@transaction.atomic
def add_goal(
    *,
    engagement: Engagement,
    title: str,
    kind: str,
    deadline: date,
    by: User,
    is_human: bool = False,
    success_sign: str = "",
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
) -> Goal:
    """Set a quantitative goal (metric, unit, baseline, target) or a qualitative one (its
    sign of success) with its deadline."""
    writable_stage(engagement, Stage.Number.GOALS, by=by, doing=_("add a goal"))
    return _new_goal(
        engagement, by=by, title=title, kind=kind, deadline=deadline, is_human=is_human, success_sign=success_sign,
        metric=metric, unit=unit, baseline=baseline, target=target,
    )


def goal_stage(goal: Goal, *, by: User, doing: str) -> Stage:
    """Where a goal and its milestones are written: stage 4, or monitoring for a goal set
    there once a milestone was reached."""
    if goal.follows_id is None:
        return writable_stage(goal.engagement, Stage.Number.GOALS, by=by, doing=doing)
    return monitoring_stage(goal.engagement, by=by, doing=doing)


@transaction.atomic
def add_milestone(*, goal: Goal, title: str, due_on: date, by: User, owner: User | None = None) -> Milestone:
    """Break a goal into a milestone due on or before the goal's deadline."""
    goal_stage(goal, by=by, doing=_("add a milestone"))
    milestone = Milestone(goal=goal, title=title, due_on=due_on, owner=owner)
    ensure_milestone_fits(milestone)
    save_record(milestone)
    record_event(engagement=goal.engagement, by=by, action="mpc.milestone_added", subject=f"milestone {milestone.pk}")
    return milestone


@transaction.atomic
def add_activity_flow(
    *, engagement: Engagement, name: str, owner: User, by: User, description: str = "", goal: Goal | None = None
) -> ActivityFlow:
    """Name an activity flow of the project and the person who owns it."""
    writable_stage(engagement, Stage.Number.GOALS, by=by, doing=_("add an activity flow"))
    flow = ActivityFlow(engagement=engagement, name=name, owner=owner, description=description, goal=goal)
    ensure_flow_fits(flow)
    save_record(flow)
    record_event(engagement=engagement, by=by, action="mpc.flow_added", subject=f"flow {flow.pk}")
    return flow


def ensure_milestone_fits(milestone: Milestone) -> None:
    """A milestone is owned by someone who takes part and due after the engagement opened
    (and, as the model says, by its goal's deadline)."""
    engagement = milestone.goal.engagement
    ensure_member(engagement, milestone.owner)
    ensure_not_before_opening(engagement, milestone.due_on, field="due_on", what=_("A milestone cannot be due"))


def ensure_flow_fits(flow: ActivityFlow) -> None:
    """An activity flow is owned by someone who takes part, and serves a goal of its own engagement."""
    if flow.owner_id is None:
        raise ValidationError({"owner": _("An activity flow needs an owner.")})
    ensure_member(flow.engagement, flow.owner)
    if flow.goal is not None and flow.goal.engagement_id != flow.engagement_id:
        raise ValidationError({"goal": _("“%(goal)s” is not a goal of this engagement.") % {"goal": flow.goal}})


@transaction.atomic
def set_next_goal(
    *,
    milestone: Milestone,
    title: str,
    kind: str,
    deadline: date,
    by: User,
    is_human: bool = False,
    success_sign: str = "",
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
) -> Goal:
    """Once a milestone is reached, set the next (intermediate) goal that follows it."""
    engagement = milestone.goal.engagement
    monitoring_stage(engagement, by=by, doing=_("set the next goal"))
    if not Milestone.objects.filter(pk=milestone.pk, status=Milestone.Status.REACHED).exists():
        raise RuleBroken(
            "milestone_not_reached",
            _("milestone “%(milestone)s” is not reached yet: the next goal follows a reached one") % {"milestone": milestone},
        )
    return _new_goal(
        engagement, by=by, follows=milestone, title=title, kind=kind, deadline=deadline, is_human=is_human,
        success_sign=success_sign, metric=metric, unit=unit, baseline=baseline, target=target,
    )
