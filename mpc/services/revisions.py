"""Correcting and withdrawing MPC records: one pair of services for every kind of record,
driven by a table that says, for each kind, the stage it is written in, what an edit may
change, the rules the changed record must still meet, and what depends on it.

The guards are those of adding it: the engagement's coach, the engagement active, the
record's stage not done ("reopen it to …"); a closed engagement's content never changes.
The audit row names the fields changed, never their content. Deleting what others depend
on is refused, naming them; a check-in's indicator readings are its own content and go
with it, but the milestone progress it recorded is the milestones' history, so a check-in
that moved milestones stays. (Items of the double action plan: mpc.services.plans.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagements.models import ActionItem, User
from engagements.services import RuleBroken, apply_changes, ensure_member, record_event, what_changed
from kit.forms import sentence
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    ControlIndicator,
    ControlReading,
    Customer,
    Factor,
    Goal,
    Milestone,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)
from mpc.services.goals import ensure_flow_fits, ensure_milestone_fits, goal_stage
from mpc.services.monitoring import ensure_check_in_fits, update_milestone
from mpc.services.stages import (
    ensure_coachee,
    ensure_not_before_opening,
    ensure_not_in_the_future,
    monitoring_stage,
    save_record,
    writable_stage,
)

Record = (
    AuditRating | TeamObservation | Customer | Partner | Factor | Mission | Goal | Milestone | ActivityFlow | Resource | Role
    | ControlIndicator | CheckIn | ControlReading
)


class Guard(Protocol):
    def __call__(self, record: Any, *, by: User, doing: str) -> Stage: ...


def _nothing(record: Any, changed: list[str]) -> None:
    """No rule beyond the model's own validation."""


def _no_dependents(record: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class Kind:
    """How one kind of MPC record is corrected and withdrawn."""

    key: str  # in the audit action: mpc.<key>_revised, mpc.<key>_withdrawn
    noun: str  # in the audit subject: "customer"
    fields: tuple[str, ...]  # what an edit may change
    stage: Guard  # the stage a deletion (and, unless edit_stage says otherwise, an edit) writes in
    changing: str  # what an edit does, for the refusals: "change a customer"
    deleting: str  # what a deletion does: "delete a customer"
    still_has: str  # the refusal to delete, naming what depends on it: "this customer still has …"
    edit_stage: Guard | None = None
    check: Callable[[Any, list[str]], None] = _nothing  # rules the edited record must still meet
    dependents: Callable[[Any], list[str]] = _no_dependents  # what depends on it, named for people
    instead: str = ""  # what to do when deleting is refused


def _in(number: int) -> Guard:
    """The guard of a record written in stage `number`."""
    return lambda record, *, by, doing: writable_stage(record.engagement, number, by=by, doing=doing)


def _in_monitoring(record: Any, *, by: User, doing: str) -> Stage:
    return monitoring_stage(record.engagement, by=by, doing=doing)


def _with_its_goal(milestone: Milestone, *, by: User, doing: str) -> Stage:
    return goal_stage(milestone.goal, by=by, doing=doing)


def _stage_done(engagement_id: int, number: int) -> bool:
    return Stage.objects.filter(engagement_id=engagement_id, number=number, status=Stage.Status.DONE).exists()


def _rescheduled(milestone: Milestone, *, by: User, doing: str) -> Stage:
    """Milestones are written in stage 4; once it and the double action plan are done,
    monitoring is where they are rescheduled (within their goal's deadline)."""
    engagement_id = milestone.goal.engagement_id
    if _stage_done(engagement_id, Stage.Number.GOALS) and _stage_done(engagement_id, Stage.Number.ACTION_PLAN):
        return monitoring_stage(milestone.goal.engagement, by=by, doing=doing)
    return _with_its_goal(milestone, by=by, doing=doing)


# --- rules the edited record must still meet ---------------------------------------


def _member_observed(note: TeamObservation, changed: list[str]) -> None:
    if note.member is not None:
        ensure_coachee(note.engagement, note.member, field="member")


def _holder_takes_part(role: Role, changed: list[str]) -> None:
    ensure_member(role.engagement, role.holder, field="holder")


def _still_a_gap(rating: AuditRating, changed: list[str]) -> None:
    """A weak point of the personal plan takes up this gap: it cannot close under it."""
    if not rating.is_weak_point and rating.plan_links.exists():
        raise ValidationError({"rating": gettext("A weak point of the personal plan takes up this gap: it stays below what is required.")})


def _unit_as_read(indicator: ControlIndicator, changed: list[str]) -> None:
    if "unit" in changed and indicator.readings.exists():
        raise ValidationError({"unit": gettext("Readings were recorded in this indicator's unit: it stays as read.")})


def _reading_fits(reading: ControlReading, changed: list[str]) -> None:
    ensure_not_before_opening(reading.engagement, reading.read_on, field="read_on", what=gettext("A reading cannot be dated"))
    ensure_not_in_the_future(reading.read_on, field="read_on", what=gettext("A reading cannot be dated"))


def _milestone_fits(milestone: Milestone, changed: list[str]) -> None:
    ensure_milestone_fits(milestone)


def _check_in_fits(check_in: CheckIn, changed: list[str]) -> None:
    ensure_check_in_fits(check_in)


def _flow_fits(flow: ActivityFlow, changed: list[str]) -> None:
    ensure_flow_fits(flow)


def _goal_still_fits(goal: Goal, changed: list[str]) -> None:
    """Its deadline stays after the opening and its milestones; the indicator check-ins have
    read keeps its kind and unit."""
    ensure_not_before_opening(goal.engagement, goal.deadline, field="deadline", what=gettext("A goal cannot be due"))
    if late := list(goal.milestones.filter(due_on__gt=goal.deadline)):
        [named] = _named("milestone", late)
        raise ValidationError({"deadline": sentence(ngettext(
            "%(milestones)s is due after %(day)s: reschedule it first",
            "%(milestones)s are due after %(day)s: reschedule them first",
            len(late),
        ) % {"milestones": named, "day": _day(goal.deadline)})})
    fixed = [name for name in ("kind", "unit") if name in changed]
    if fixed and goal.readings.exists():
        raise ValidationError({name: gettext("Check-ins have read this goal's indicator: its kind and unit stay as read.") for name in fixed})


# --- what depends on a record, named ------------------------------------------------


def _day(day) -> str:
    """A day as the refusals name it: 03 Mar 2026."""
    return date_format(day, "d M Y")


# How the refusals name what depends on a record, by kind: the words for one and for many.
NAMED: dict[str, Callable[[int], str]] = {
    "milestone": lambda n: ngettext("the milestone %(names)s", "the milestones %(names)s", n),
    "activity flow": lambda n: ngettext("the activity flow %(names)s", "the activity flows %(names)s", n),
    "plan item": lambda n: ngettext("the plan item %(names)s", "the plan items %(names)s", n),
    "next goal": lambda n: ngettext("the next goal %(names)s", "the next goals %(names)s", n),
}
AT_CHECK_INS: dict[str, Callable[[int], str]] = {
    "readings": lambda n: ngettext(
        "its indicator's readings at the check-in of %(days)s", "its indicator's readings at the check-ins of %(days)s", n
    ),
    "ratings": lambda n: ngettext("its ratings at the check-in of %(days)s", "its ratings at the check-ins of %(days)s", n),
}


def _named(noun: str, things: Iterable[Any]) -> list[str]:
    """["the milestone “A”"], ["the milestones “A”, “B”"], or [] for none."""
    names = [f"“{thing}”" for thing in things]
    if not names:
        return []
    return [NAMED[noun](len(names)) % {"names": ", ".join(names)}]


def _at_check_ins(what: str, check_ins: Iterable[CheckIn]) -> list[str]:
    """["<what> at the check-in of 3 Mar 2026"], or [] for none."""
    days = sorted({check_in.held_on for check_in in check_ins})
    if not days:
        return []
    return [AT_CHECK_INS[what](len(days)) % {"days": ", ".join(_day(day) for day in days)}]


def _in_the_plan(record: Any) -> list[str]:
    """The items of the double action plan about `record`, named."""
    return _named("plan item", ActionItem.objects.filter(mpc_link__in=record.plan_links.all()))


def _goal_dependents(goal: Goal) -> list[str]:
    return [
        *_named("milestone", goal.milestones.all()),
        *_named("activity flow", goal.activity_flows.all()),
        *_in_the_plan(goal),
        *_at_check_ins("readings", CheckIn.objects.filter(readings__goal=goal)),
        *_at_check_ins("ratings", CheckIn.objects.filter(goal_ratings__goal=goal)),
    ]


def _milestone_dependents(milestone: Milestone) -> list[str]:
    days = sorted(set(milestone.updates.values_list("recorded_on", flat=True)))
    recorded = [gettext("progress recorded on %(days)s") % {"days": ", ".join(_day(day) for day in days)}] if days else []
    return [*recorded, *_named("next goal", milestone.next_goals.all())]


def _check_in_dependents(check_in: CheckIn) -> list[str]:
    moved = Milestone.objects.filter(updates__check_in=check_in).distinct()
    return [gettext("progress it recorded for %(milestones)s") % {"milestones": named} for named in _named("milestone", moved)]


KINDS: dict[type, Kind] = {
    AuditRating: Kind(
        "audit_rating", "audit rating", ("rating", "required", "notes"), _in(Stage.Number.PERSON_AUDIT),
        _("change an audit rating"), _("delete an audit rating"), _("this audit rating still has %(dependents)s"),
        check=_still_a_gap, dependents=_in_the_plan,
    ),
    TeamObservation: Kind(
        "team_observation", "observation", ("member", "aspect", "observation", "rating"), _in(Stage.Number.PERSON_AUDIT),
        _("change an observation"), _("delete an observation"), _("this observation still has %(dependents)s"),
        check=_member_observed,
    ),
    Customer: Kind(
        "customer", "customer", ("name", "expectations"), _in(Stage.Number.PROJECT_AUDIT),
        _("change a customer"), _("delete a customer"), _("this customer still has %(dependents)s"),
    ),
    Partner: Kind(
        "partner", "partner", ("name", "part"), _in(Stage.Number.PROJECT_AUDIT),
        _("change a partner"), _("delete a partner"), _("this partner still has %(dependents)s"),
    ),
    Factor: Kind(
        "factor", "factor", ("description", "nature", "effect", "weight"), _in(Stage.Number.PROJECT_AUDIT),
        _("change a factor"), _("delete a factor"), _("this factor still has %(dependents)s"),
    ),
    Mission: Kind(
        "mission", "mission", ("statement", "values", "aspirations"), _in(Stage.Number.MISSION),
        _("change the mission"), _("delete the mission"), _("this mission still has %(dependents)s"),
        dependents=_in_the_plan,
    ),
    Goal: Kind(
        "goal", "goal", ("title", "kind", "is_human", "success_sign", "metric", "unit", "baseline", "target", "deadline"),
        goal_stage, _("change a goal"), _("delete a goal"), _("this goal still has %(dependents)s"),
        check=_goal_still_fits, dependents=_goal_dependents,
    ),
    Milestone: Kind(
        "milestone", "milestone", ("title", "due_on", "owner"), _with_its_goal,
        _("change a milestone"), _("delete a milestone"), _("this milestone still has %(dependents)s"),
        edit_stage=_rescheduled, check=_milestone_fits, dependents=_milestone_dependents, instead=_("mark it dropped instead"),
    ),
    ActivityFlow: Kind(
        "flow", "activity flow", ("name", "description", "owner", "goal"), _in(Stage.Number.GOALS),
        _("change an activity flow"), _("delete an activity flow"), _("this activity flow still has %(dependents)s"),
        check=_flow_fits,
    ),
    Resource: Kind(
        "resource", "resource", ("kind", "name", "description"), _in(Stage.Number.RESOURCES),
        _("change a resource"), _("delete a resource"), _("this resource still has %(dependents)s"),
        dependents=_in_the_plan,
    ),
    Role: Kind(
        "role", "role", ("holder", "title", "responsibilities"), _in(Stage.Number.RESOURCES),
        _("change a role"), _("delete a role"), _("this role still has %(dependents)s"),
        check=_holder_takes_part, dependents=_in_the_plan,
    ),
    ControlIndicator: Kind(
        "indicator", "control indicator", ("unit", "baseline", "target", "direction"), _in(Stage.Number.ACTION_PLAN),
        _("change a control indicator"), _("delete a control indicator"), _("this control indicator still has %(dependents)s"),
        check=_unit_as_read,
    ),
    CheckIn: Kind(
        "check_in", "check-in", ("held_on", "notes"), _in_monitoring,
        _("change a check-in"), _("delete a check-in"), _("this check-in still has %(dependents)s"),
        check=_check_in_fits, dependents=_check_in_dependents,
    ),
    ControlReading: Kind(
        "reading", "reading", ("value", "unit", "read_on"), _in_monitoring,
        _("change a reading"), _("delete a reading"), _("this reading still has %(dependents)s"),
        check=_reading_fits,
    ),
}


def _locked(record: Record) -> Record:
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


@transaction.atomic
def revise_record(*, record: Record, by: User, **changes) -> Record:
    """Correct an MPC record while its stage is open; it must still meet the rules of adding it."""
    kind = KINDS[type(record)]
    stage = (kind.edit_stage or kind.stage)(record, by=by, doing=str(kind.changing))
    record = _locked(record)
    changed = apply_changes(record, changes, allowed=kind.fields)
    kind.check(record, changed)
    save_record(record)
    record_event(
        engagement=stage.engagement, by=by, action=f"mpc.{kind.key}_revised",
        subject=what_changed(f"{kind.noun} {record.pk}", changed),
    )
    return record


@transaction.atomic
def withdraw_record(*, record: Record, by: User) -> None:
    """Delete an MPC record written by mistake while its stage is open, unless others depend on it."""
    kind = KINDS[type(record)]
    stage = kind.stage(record, by=by, doing=str(kind.deleting))
    record = _locked(record)
    if depending := kind.dependents(record):
        dependents = depending[0]
        for more in depending[1:]:
            dependents = gettext("%(these)s and %(those)s") % {"these": dependents, "those": more}
        refusal = str(kind.still_has) % {"dependents": dependents}
        if kind.instead:
            refusal = gettext("%(refusal)s: %(instead)s") % {"refusal": refusal, "instead": kind.instead}
        raise RuleBroken("has_dependents", refusal)
    pk = record.pk
    record.delete()
    record_event(engagement=stage.engagement, by=by, action=f"mpc.{kind.key}_withdrawn", subject=f"{kind.noun} {pk}")


MILESTONE_PROGRESS = ("progress", "status", "note")


@transaction.atomic
def revise_milestone(*, milestone: Milestone, by: User, **changes) -> Milestone:
    """Retitle, reassign or reschedule a milestone within its goal's deadline (its coach, in
    stage 4 or during monitoring); progress or status given alongside go through
    update_milestone, as its owner's would."""
    progress = {name: changes.pop(name) for name in MILESTONE_PROGRESS if name in changes}
    if changes:
        milestone = revise_record(record=milestone, by=by, **changes)
    # Nothing given at all stays what it always was: a progress update that changes nothing,
    # which its owner may make as well as the coach.
    if progress or not changes:
        milestone = update_milestone(milestone=milestone, by=by, **progress)
    return milestone
