"""Stage 7: monitoring — progress recorded on milestones, readings of the control
indicators, and check-ins that review them all: goals' indicators read, qualitative goals
rated, milestones moved. (The mission's completion, which ends it: mpc.services.stages.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagements.models import Engagement, User
from engagements.services import RuleBroken, ensure_state, record_event
from mpc.models import CheckIn, ControlIndicator, ControlReading, Goal, GoalRating, IndicatorReading, Milestone, MilestoneUpdate
from mpc.services.stages import (
    ensure_not_before_opening,
    ensure_not_in_the_future,
    ensure_owner_or_coach,
    monitoring_stage,
    save_record,
)


class Reading(NamedTuple):
    """An indicator value read at a check-in, for one quantitative goal."""

    goal: Goal
    value: Decimal
    unit: str


class IndicatorValue(NamedTuple):
    """A control indicator's value read at a check-in."""

    indicator: ControlIndicator
    value: Decimal
    unit: str


# ---------------------------------------------------------------------------
# Milestones
# ---------------------------------------------------------------------------


def _status_for(milestone: Milestone, progress: int) -> str:
    if progress == 100:
        return Milestone.Status.REACHED
    if progress > 0:
        return Milestone.Status.IN_PROGRESS
    return Milestone.Status.PENDING if milestone.status == Milestone.Status.IN_PROGRESS else milestone.status


def _progress(
    milestone: Milestone, *, by: User, progress: int | None, status: str | None, note: str = "",
    check_in: CheckIn | None = None,
) -> Milestone:
    """Move a milestone and keep the move in its history (the charts draw it)."""
    if status is not None and status not in Milestone.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100, not %(progress)s.") % {"progress": progress}})
    if status is None:
        status = milestone.status if progress is None else _status_for(milestone, progress)
    if not milestone.can_move_to(status):
        raise RuleBroken(
            "milestone_transition_not_allowed",
            _("milestone “%(milestone)s” is %(status)s: it cannot become %(next)s") % {
                "milestone": milestone, "status": milestone.get_status_display().lower(),
                "next": Milestone.Status(status).label.lower(),
            },
        )
    from_status, milestone.status = milestone.status, status
    milestone.progress = milestone.progress if progress is None else progress
    if status == Milestone.Status.REACHED:
        milestone.progress, milestone.reached_at = 100, milestone.reached_at or timezone.now()
    save_record(milestone)
    if progress is not None or from_status != status or note:  # a step worth keeping in its history
        on = check_in.held_on if check_in else timezone.localdate()
        save_record(MilestoneUpdate(
            check_in=check_in, milestone=milestone, progress=milestone.progress, status=status, note=note, recorded_on=on,
        ))
    record_event(
        engagement=milestone.engagement, by=by, action="mpc.milestone_progress",
        subject=f"milestone {milestone.pk}", from_state=from_status, to_state=status,
    )
    return milestone


@transaction.atomic
def update_milestone(
    *, milestone: Milestone, by: User, progress: int | None = None, status: str | None = None, note: str = ""
) -> Milestone:
    """Record a milestone's progress (status, %, a note): its owner or the engagement's coach may."""
    engagement = milestone.goal.engagement
    ensure_owner_or_coach(engagement, milestone.owner, by)
    ensure_state(engagement, Engagement.State.ACTIVE, doing=_("update a milestone"))
    milestone = Milestone.objects.select_for_update().select_related("goal__engagement").get(pk=milestone.pk)
    return _progress(milestone, by=by, progress=progress, status=status, note=note)


# ---------------------------------------------------------------------------
# Control indicators
# ---------------------------------------------------------------------------


def _save_reading(
    indicator: ControlIndicator, *, value: Decimal, unit: str, read_on: date, check_in: CheckIn | None = None
) -> ControlReading:
    engagement = indicator.engagement
    ensure_not_before_opening(engagement, read_on, field="read_on", what=_("A reading cannot be dated"))
    ensure_not_in_the_future(read_on, field="read_on", what=_("A reading cannot be dated"))
    reading = ControlReading(indicator=indicator, check_in=check_in, value=value, unit=unit, read_on=read_on)
    save_record(reading)
    return reading


@transaction.atomic
def record_reading(*, indicator: ControlIndicator, value: Decimal, unit: str, read_on: date, by: User) -> ControlReading:
    """Read a control indicator on a day, in its unit: its owner or the coach, during monitoring."""
    engagement = indicator.engagement
    monitoring_stage(engagement, by=by, doing=_("read a control indicator"), owner=indicator.item.owner)
    reading = _save_reading(indicator, value=value, unit=unit, read_on=read_on)
    record_event(engagement=engagement, by=by, action="mpc.indicator_read", subject=f"indicator {indicator.pk}")
    return reading


# ---------------------------------------------------------------------------
# Check-ins
# ---------------------------------------------------------------------------


def ensure_check_in_fits(check_in: CheckIn) -> None:
    """A check-in is held on or after the day the engagement opened, and not in the future."""
    ensure_not_before_opening(check_in.engagement, check_in.held_on, field="held_on", what=_("A check-in cannot be held"))
    ensure_not_in_the_future(check_in.held_on, field="held_on", what=_("A check-in cannot be held"))


def _ensure_every_open_goal_rated(engagement: Engagement, ratings: Mapping[Goal, int]) -> None:
    """A check-in rates each qualitative goal still open: how far its sign of success shows."""
    rated = {goal.pk for goal in ratings}
    unrated = [goal for goal in engagement.mpc_goals.qualitative().still_open() if goal.pk not in rated]
    if unrated:
        names = ", ".join(f"“{goal}”" for goal in unrated)
        raise ValidationError({"ratings": ngettext(
            "Rate each qualitative goal from 1 to 10 at the check-in: %(names)s has no rating.",
            "Rate each qualitative goal from 1 to 10 at the check-in: %(names)s have no rating.",
            len(unrated),
        ) % {"names": names}})


@transaction.atomic
def record_check_in(
    *,
    engagement: Engagement,
    held_on: date,
    by: User,
    notes: str = "",
    readings: Sequence[Reading] = (),
    indicator_readings: Sequence[IndicatorValue] = (),
    ratings: Mapping[Goal, int] | None = None,
    milestone_progress: Mapping[Milestone, int] | None = None,
) -> CheckIn:
    """Record a monitoring check-in: goals' indicator values (in each goal's unit), control
    indicators' values, a 1–10 rating of each open qualitative goal, and milestone progress."""
    monitoring_stage(engagement, by=by, doing=_("record a check-in"))
    check_in = CheckIn(engagement=engagement, held_on=held_on, notes=notes)
    ensure_check_in_fits(check_in)
    _ensure_every_open_goal_rated(engagement, ratings or {})
    save_record(check_in)
    for reading in readings:
        save_record(IndicatorReading(check_in=check_in, goal=reading.goal, value=reading.value, unit=reading.unit))
    for value in indicator_readings:
        _save_reading(value.indicator, value=value.value, unit=value.unit, read_on=held_on, check_in=check_in)
    for goal, rating in (ratings or {}).items():
        save_record(GoalRating(check_in=check_in, goal=goal, rating=rating))
    for milestone, progress in (milestone_progress or {}).items():
        milestone = Milestone.objects.select_for_update().select_related("goal__engagement").get(pk=milestone.pk)
        if milestone.goal.engagement_id != engagement.pk:
            raise ValidationError({"milestone_progress": _("“%(milestone)s” is not a milestone of this engagement.") % {"milestone": milestone}})
        _progress(milestone, by=by, progress=progress, status=None, check_in=check_in)
    record_event(engagement=engagement, by=by, action="mpc.check_in_recorded", subject=f"check-in {check_in.pk}")
    return check_in
