"""Rule-bound changes to an MPC engagement: its seven stages, their content, and monitoring.

Content is written only while the engagement is active, into a stage that has not
been marked done (writing starts the stage); stages are marked done in order once
their content is complete.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagements.models import ActionItem, ActionPlan, Engagement, User
from engagements.services import (
    RuleBroken,
    add_action_item,
    ensure_coach_of,
    ensure_member,
    ensure_state,
    lock,
    plan_for,
    record_event,
    save_valid,
)
from mpc.models import (
    PLAN_CATEGORIES,
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)

MONITORING = Stage.Number.MONITORING


class Reading(NamedTuple):
    """An indicator value read at a check-in, for one quantitative goal."""

    goal: Goal
    value: Decimal
    unit: str


# ---------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------


def ensure_coachee(engagement: Engagement, person: User | None, *, field: str) -> None:
    """`person` must be one of the engagement's coachees (a member of the team)."""
    if person is not None and engagement.coachees.filter(user=person).exists():
        return
    where = "a member of this team" if engagement.kind == Engagement.Kind.TEAM else "this engagement's coachee"
    raise ValidationError({field: f"{person or 'Nobody'} is not {where}."})


def ensure_kind(engagement: Engagement, kind: str, *, doing: str) -> None:
    if engagement.kind != kind:
        raise RuleBroken("wrong_kind", f"cannot {doing} in {engagement.get_kind_display().lower()}")


def _lock_stage(stage: Stage) -> Stage:
    return Stage.objects.select_for_update().select_related("engagement").get(pk=stage.pk)


def _move(stage: Stage, status: str, *, by: User) -> None:
    from_status, stage.status = stage.status, status
    stage.started_at = stage.started_at or timezone.now()
    stage.completed_at = timezone.now() if status == Stage.Status.DONE else None
    stage.save()
    record_event(
        engagement=stage.engagement, by=by, action="mpc.stage_moved", subject=f"stage {stage.number}",
        from_state=from_status, to_state=status,
    )


def _writable_stage(engagement: Engagement, number: int, *, by: User, doing: str) -> Stage:
    """The stage a write belongs to: refused once done, started by its first content."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)  # the guard reads the stored state, not a stale copy
    ensure_state(engagement, Engagement.State.ACTIVE, doing=doing)
    stage = Stage.objects.select_for_update().filter(engagement=engagement, number=number).first()
    if stage is None:
        raise RuleBroken("mpc_not_started", "the MPC method has not been started on this engagement")
    if stage.is_done:
        raise RuleBroken("stage_done", f"{stage.label} is done: reopen it to {doing}")
    if stage.status == Stage.Status.NOT_STARTED:
        _move(stage, Stage.Status.IN_PROGRESS, by=by)
    return stage


def _monitoring_stage(engagement: Engagement, *, by: User, doing: str) -> Stage:
    """Monitoring follows the double action plan: stage 6 must be done first."""
    ensure_coach_of(engagement, by)
    plan = Stage.objects.filter(engagement=engagement, number=Stage.Number.ACTION_PLAN).first()
    if plan is not None and not plan.is_done:
        raise RuleBroken("stage_out_of_order", f"cannot {doing} before {plan.label} is done")
    return _writable_stage(engagement, MONITORING, by=by, doing=doing)


# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------


@transaction.atomic
def start_mpc(*, engagement: Engagement, by: User) -> list[Stage]:
    """Lay out the seven MPC stages of an active engagement that runs the method."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.ACTIVE, doing="start the MPC method")
    if not engagement.uses_mpc:
        raise RuleBroken("mpc_not_used", "this engagement does not run the MPC method")
    if engagement.mpc_stages.exists():
        raise RuleBroken("mpc_started", "the MPC method has already started on this engagement")
    stages = Stage.objects.bulk_create(Stage(engagement=engagement, number=n) for n in Stage.Number.values)
    record_event(engagement=engagement, by=by, action="mpc.started", subject="stages 1–7")
    return stages


@transaction.atomic
def complete_stage(*, stage: Stage, by: User) -> Stage:
    """Mark a stage done: the one before it must be done and its own content complete."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    ensure_state(stage.engagement, Engagement.State.ACTIVE, doing=f"complete {stage.label}")
    if rules := stage.unmet_rules():
        raise RuleBroken.first_of(rules)
    stage.needs_review = False
    _move(stage, Stage.Status.DONE, by=by)
    return stage


@transaction.atomic
def reopen_stage(*, stage: Stage, by: User) -> Stage:
    """Reopen a done stage; the later stages keep their content but are flagged for review."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    ensure_state(stage.engagement, Engagement.State.ACTIVE, doing=f"reopen {stage.label}")
    if not stage.is_done:
        raise RuleBroken("stage_not_done", f"{stage.label} is not done: there is nothing to reopen")
    stage.needs_review = False
    _move(stage, Stage.Status.IN_PROGRESS, by=by)
    later = Stage.objects.filter(engagement=stage.engagement, number__gt=stage.number)
    later.exclude(status=Stage.Status.NOT_STARTED).update(needs_review=True)
    return stage


@transaction.atomic
def confirm_stage_review(*, stage: Stage, by: User) -> Stage:
    """Clear a stage's review flag once every stage before it is done again."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    if not stage.needs_review:
        raise RuleBroken("stage_not_flagged", f"{stage.label} is not flagged for review")
    earlier = Stage.objects.filter(engagement=stage.engagement, number__lt=stage.number)
    if undone := earlier.exclude(status=Stage.Status.DONE).first():
        raise RuleBroken("stage_out_of_order", f"review {stage.label} once {undone.label} is done again")
    stage.needs_review = False
    stage.save(update_fields=["needs_review"])
    record_event(engagement=stage.engagement, by=by, action="mpc.stage_reviewed", subject=f"stage {stage.number}")
    return stage


# ---------------------------------------------------------------------------
# Stage 1 — person audit / team audit
# ---------------------------------------------------------------------------


@transaction.atomic
def rate_person(
    *, engagement: Engagement, area: str, rating: int, required: int, by: User, notes: str = ""
) -> AuditRating:
    """Rate one area of the person audit against what the project requires (the gap follows)."""
    _writable_stage(engagement, Stage.Number.PERSON_AUDIT, by=by, doing="rate the person audit")
    ensure_kind(engagement, Engagement.Kind.INDIVIDUAL, doing="audit one person (audit the team instead)")
    audit = AuditRating.objects.filter(engagement=engagement, area=area).first() or AuditRating(
        engagement=engagement, area=area
    )
    audit.rating, audit.required, audit.notes = rating, required, notes
    save_valid(audit)
    record_event(engagement=engagement, by=by, action="mpc.person_rated", subject=f"audit {area}")
    return audit


@transaction.atomic
def observe_team(
    *,
    engagement: Engagement,
    aspect: str,
    observation: str,
    by: User,
    member: User | None = None,
    rating: int | None = None,
) -> TeamObservation:
    """Note how the team (no member) or one member functions, for the team audit."""
    _writable_stage(engagement, Stage.Number.PERSON_AUDIT, by=by, doing="observe the team")
    ensure_kind(engagement, Engagement.Kind.TEAM, doing="audit a team")
    if member is not None:
        ensure_coachee(engagement, member, field="member")
    note = TeamObservation(engagement=engagement, member=member, aspect=aspect, observation=observation, rating=rating)
    save_valid(note)
    record_event(engagement=engagement, by=by, action="mpc.team_observed", subject=f"observation {note.pk}")
    return note


# ---------------------------------------------------------------------------
# Stage 2 — project audit
# ---------------------------------------------------------------------------


@transaction.atomic
def add_customer(*, engagement: Engagement, name: str, expectations: str, by: User) -> Customer:
    """List a customer of the project with what they expect."""
    _writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing="add a customer")
    customer = Customer(engagement=engagement, name=name, expectations=expectations)
    save_valid(customer)
    record_event(engagement=engagement, by=by, action="mpc.customer_added", subject=f"customer {customer.pk}")
    return customer


@transaction.atomic
def add_partner(*, engagement: Engagement, name: str, part: str, by: User) -> Partner:
    """List a partner of the project with the part they take."""
    _writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing="add a partner")
    partner = Partner(engagement=engagement, name=name, part=part)
    save_valid(partner)
    record_event(engagement=engagement, by=by, action="mpc.partner_added", subject=f"partner {partner.pk}")
    return partner


@transaction.atomic
def add_factor(
    *, engagement: Engagement, description: str, nature: str, effect: str, weight: int, by: User
) -> Factor:
    """List a technical or human factor that eases or hinders the project, with its weight."""
    _writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing="add a factor")
    factor = Factor(engagement=engagement, description=description, nature=nature, effect=effect, weight=weight)
    save_valid(factor)
    record_event(engagement=engagement, by=by, action="mpc.factor_added", subject=f"factor {factor.pk}")
    return factor


# ---------------------------------------------------------------------------
# Stage 3 — mission
# ---------------------------------------------------------------------------


@transaction.atomic
def define_mission(
    *, engagement: Engagement, statement: str, values: str, by: User, aspirations: str = ""
) -> Mission:
    """Write (or rewrite) the project's mission and the values and aspirations it integrates."""
    _writable_stage(engagement, Stage.Number.MISSION, by=by, doing="define the mission")
    mission = Mission.objects.filter(engagement=engagement).first() or Mission(engagement=engagement)
    mission.statement, mission.values, mission.aspirations = statement, values, aspirations
    save_valid(mission)
    record_event(engagement=engagement, by=by, action="mpc.mission_defined", subject="mission")
    return mission


# ---------------------------------------------------------------------------
# Stage 4 — goals, milestones, activity flows
# ---------------------------------------------------------------------------


def _new_goal(engagement: Engagement, *, by: User, follows: Milestone | None = None, **fields) -> Goal:
    goal = Goal(engagement=engagement, follows=follows, **fields)
    save_valid(goal)
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
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
) -> Goal:
    """Set a quantitative (metric, unit, baseline, target) or qualitative goal with its deadline."""
    _writable_stage(engagement, Stage.Number.GOALS, by=by, doing="add a goal")
    return _new_goal(
        engagement, by=by, title=title, kind=kind, deadline=deadline, is_human=is_human,
        metric=metric, unit=unit, baseline=baseline, target=target,
    )


@transaction.atomic
def add_milestone(*, goal: Goal, title: str, due_on: date, by: User, owner: User | None = None) -> Milestone:
    """Break a goal into a milestone due on or before the goal's deadline."""
    engagement = goal.engagement
    if goal.follows_id is None:
        _writable_stage(engagement, Stage.Number.GOALS, by=by, doing="add a milestone")
    else:  # a goal set in monitoring gets its milestones in monitoring too
        _monitoring_stage(engagement, by=by, doing="add a milestone")
    ensure_member(engagement, owner)
    milestone = Milestone(goal=goal, title=title, due_on=due_on, owner=owner)
    save_valid(milestone)
    record_event(engagement=engagement, by=by, action="mpc.milestone_added", subject=f"milestone {milestone.pk}")
    return milestone


@transaction.atomic
def add_activity_flow(
    *, engagement: Engagement, name: str, owner: User, by: User, description: str = "", goal: Goal | None = None
) -> ActivityFlow:
    """Name an activity flow of the project and the person who owns it."""
    _writable_stage(engagement, Stage.Number.GOALS, by=by, doing="add an activity flow")
    if owner is None:
        raise ValidationError({"owner": "An activity flow needs an owner."})
    ensure_member(engagement, owner)
    if goal is not None and goal.engagement_id != engagement.pk:
        raise ValidationError({"goal": f"“{goal}” is not a goal of this engagement."})
    flow = ActivityFlow(engagement=engagement, name=name, owner=owner, description=description, goal=goal)
    save_valid(flow)
    record_event(engagement=engagement, by=by, action="mpc.flow_added", subject=f"flow {flow.pk}")
    return flow


# ---------------------------------------------------------------------------
# Stage 5 — resources and structure
# ---------------------------------------------------------------------------


@transaction.atomic
def add_resource(*, engagement: Engagement, kind: str, name: str, by: User, description: str = "") -> Resource:
    """List a technical or human resource the project relies on."""
    _writable_stage(engagement, Stage.Number.RESOURCES, by=by, doing="add a resource")
    resource = Resource(engagement=engagement, kind=kind, name=name, description=description)
    save_valid(resource)
    record_event(engagement=engagement, by=by, action="mpc.resource_added", subject=f"resource {resource.pk}")
    return resource


@transaction.atomic
def assign_role(*, engagement: Engagement, holder: User, title: str, responsibilities: str, by: User) -> Role:
    """Give a coachee (a team member, in team coaching) a role and its responsibilities."""
    _writable_stage(engagement, Stage.Number.RESOURCES, by=by, doing="assign a role")
    ensure_coachee(engagement, holder, field="holder")
    role = Role(engagement=engagement, holder=holder, title=title, responsibilities=responsibilities)
    save_valid(role)
    record_event(engagement=engagement, by=by, action="mpc.role_assigned", subject=f"role {role.pk}")
    return role


# ---------------------------------------------------------------------------
# Stage 6 — double action plan
# ---------------------------------------------------------------------------


@transaction.atomic
def add_plan_item(
    *,
    engagement: Engagement,
    plan_kind: str,
    title: str,
    category: str,
    by: User,
    owner: User | None = None,
    due_on: date | None = None,
) -> ActionItem:
    """Put an item on the personal plan or the project (collective) plan of stage 6."""
    _writable_stage(engagement, Stage.Number.ACTION_PLAN, by=by, doing="add to the action plan")
    if plan_kind not in PLAN_CATEGORIES:
        raise ValidationError({"plan_kind": "The double action plan is a personal plan and a project plan."})
    if category not in PLAN_CATEGORIES[plan_kind]:
        allowed = ", ".join(PLAN_CATEGORIES[plan_kind])
        raise ValidationError({"category": f"“{category}” is not an item of the {plan_kind} plan (use {allowed})."})
    if category == ActionItem.Category.DEADLINE and due_on is None:
        raise ValidationError({"due_on": "A compulsory deadline needs its date."})
    if engagement.kind == Engagement.Kind.TEAM and plan_kind == ActionPlan.Kind.PROJECT:
        ensure_coachee(engagement, owner, field="owner")
    return add_action_item(
        plan=plan_for(engagement, plan_kind), title=title, by=by, owner=owner, due_on=due_on, category=category
    )


# ---------------------------------------------------------------------------
# Stage 7 — monitoring
# ---------------------------------------------------------------------------


def _status_for(milestone: Milestone, progress: int) -> str:
    if progress == 100:
        return Milestone.Status.REACHED
    if progress > 0:
        return Milestone.Status.IN_PROGRESS
    return Milestone.Status.PENDING if milestone.status == Milestone.Status.IN_PROGRESS else milestone.status


def _progress(milestone: Milestone, *, by: User, progress: int | None, status: str | None) -> Milestone:
    if status is not None and status not in Milestone.Status.values:
        raise ValidationError({"status": f"“{status}” is not a milestone status."})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": f"Progress is a percentage from 0 to 100, not {progress}."})
    if status is None:
        status = milestone.status if progress is None else _status_for(milestone, progress)
    if not milestone.can_move_to(status):
        raise RuleBroken(
            "milestone_transition_not_allowed",
            f"milestone “{milestone}” is {milestone.status}: it cannot become {status}",
        )
    from_status, milestone.status = milestone.status, status
    milestone.progress = milestone.progress if progress is None else progress
    if status == Milestone.Status.REACHED:
        milestone.progress, milestone.reached_at = 100, milestone.reached_at or timezone.now()
    save_valid(milestone)
    record_event(
        engagement=milestone.engagement, by=by, action="mpc.milestone_progress",
        subject=f"milestone {milestone.pk}", from_state=from_status, to_state=status,
    )
    return milestone


@transaction.atomic
def update_milestone(
    *, milestone: Milestone, by: User, progress: int | None = None, status: str | None = None
) -> Milestone:
    """Update a milestone's progress or status: its owner or the engagement's coach may."""
    engagement = milestone.goal.engagement
    is_owner = milestone.owner_id == by.pk and Engagement.objects.visible_to(by).filter(pk=engagement.pk).exists()
    if not is_owner:
        ensure_coach_of(engagement, by)
    ensure_state(engagement, Engagement.State.ACTIVE, doing="update a milestone")
    milestone = Milestone.objects.select_for_update().select_related("goal__engagement").get(pk=milestone.pk)
    return _progress(milestone, by=by, progress=progress, status=status)


@transaction.atomic
def record_check_in(
    *,
    engagement: Engagement,
    held_on: date,
    by: User,
    notes: str = "",
    readings: Sequence[Reading] = (),
    milestone_progress: Mapping[Milestone, int] | None = None,
) -> CheckIn:
    """Record a monitoring check-in: indicator values (in each goal's unit) and milestone progress."""
    _monitoring_stage(engagement, by=by, doing="record a check-in")
    check_in = CheckIn(engagement=engagement, held_on=held_on, notes=notes)
    save_valid(check_in)
    for reading in readings:
        save_valid(IndicatorReading(check_in=check_in, goal=reading.goal, value=reading.value, unit=reading.unit))
    for milestone, progress in (milestone_progress or {}).items():
        milestone = Milestone.objects.select_for_update().select_related("goal__engagement").get(pk=milestone.pk)
        if milestone.goal.engagement_id != engagement.pk:
            raise ValidationError({"milestone_progress": f"“{milestone}” is not a milestone of this engagement."})
        _progress(milestone, by=by, progress=progress, status=None)
        save_valid(MilestoneUpdate(check_in=check_in, milestone=milestone, progress=milestone.progress))
    record_event(engagement=engagement, by=by, action="mpc.check_in_recorded", subject=f"check-in {check_in.pk}")
    return check_in


@transaction.atomic
def set_next_goal(
    *,
    milestone: Milestone,
    title: str,
    kind: str,
    deadline: date,
    by: User,
    is_human: bool = False,
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
) -> Goal:
    """Once a milestone is reached, set the next (intermediate) goal that follows it."""
    engagement = milestone.goal.engagement
    _monitoring_stage(engagement, by=by, doing="set the next goal")
    if not Milestone.objects.filter(pk=milestone.pk, status=Milestone.Status.REACHED).exists():
        raise RuleBroken("milestone_not_reached", f"milestone “{milestone}” is not reached yet")
    return _new_goal(
        engagement, by=by, follows=milestone, title=title, kind=kind, deadline=deadline, is_human=is_human,
        metric=metric, unit=unit, baseline=baseline, target=target,
    )
