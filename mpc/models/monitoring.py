"""Stage 7: monitoring — check-ins, indicator readings, milestone updates — and the
progress computed from them, never stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from engagements.models import (
    Engagement,
    EngagementScopedQuerySet,
)
from mpc.models.base import AMOUNT, PERCENT_VALIDATORS, percent_check
from mpc.models.goals import Goal, Milestone

# ---------------------------------------------------------------------------
# Stage 7 — monitoring
# ---------------------------------------------------------------------------


class CheckIn(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_check_ins")
    held_on = models.DateField()
    notes = models.TextField(blank=True, help_text="Shared with the coachee(s).")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "held_on", "id"]

    def __str__(self) -> str:
        return f"Check-in {self.held_on} — {self.engagement}"


class IndicatorReadingQuerySet(EngagementScopedQuerySet):
    engagement_path = "check_in__engagement"


class IndicatorReading(models.Model):
    """A quantitative goal's indicator value as read at a check-in, in the goal's unit."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="readings")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="readings")
    value = models.DecimalField(**AMOUNT)
    unit = models.CharField(max_length=20)

    objects = IndicatorReadingQuerySet.as_manager()

    class Meta:
        ordering = ["check_in", "id"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "goal"], name="mpc_reading_one_per_goal"),
            models.CheckConstraint(condition=~Q(unit=""), name="mpc_reading_has_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} {self.unit}"

    def clean(self) -> None:
        if not (self.goal_id and self.check_in_id):
            return
        goal = self.goal
        if goal.engagement_id != self.check_in.engagement_id:
            raise ValidationError({"goal": f"“{goal}” is not a goal of this engagement."})
        if goal.kind != Goal.Kind.QUANTITATIVE:
            raise ValidationError({"goal": f"“{goal}” is qualitative: it has no indicator to read."})
        if self.unit != goal.unit:
            raise ValidationError(
                {"unit": f"The value is in “{self.unit}” but “{goal}” is measured in “{goal.unit}”."}
            )


class MilestoneUpdateQuerySet(EngagementScopedQuerySet):
    engagement_path = "check_in__engagement"


class MilestoneUpdate(models.Model):
    """A milestone's progress as recorded at a check-in (the history behind Milestone.progress)."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="milestone_updates")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="updates")
    progress = models.PositiveSmallIntegerField(validators=PERCENT_VALIDATORS)

    objects = MilestoneUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["check_in", "id"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "milestone"], name="mpc_milestone_update_once"),
            percent_check("progress"),
        ]


# ---------------------------------------------------------------------------
# Progress, computed from the data and never stored
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorProgress:
    goal: Goal
    latest: Decimal | None
    read_on: date | None

    @property
    def fraction(self) -> Decimal | None:
        """How far the latest reading has come from the baseline to the target (1 = met)."""
        if self.latest is None:
            return None
        return (self.latest - self.goal.baseline) / (self.goal.target - self.goal.baseline)

    @property
    def is_met(self) -> bool:
        return self.fraction is not None and self.fraction >= 1


@dataclass(frozen=True)
class Progress:
    milestones_reached: int
    milestones_total: int
    indicators: tuple[IndicatorProgress, ...]

    @property
    def share_reached(self) -> Decimal:
        """Share of (not dropped) milestones reached, 0 to 1."""
        if not self.milestones_total:
            return Decimal(0)
        return Decimal(self.milestones_reached) / Decimal(self.milestones_total)

    @classmethod
    def of(cls, engagement: Engagement) -> Progress:
        """The engagement's MPC progress: milestones reached and indicators against targets."""
        milestones = Milestone.objects.filter(goal__engagement=engagement).exclude(status=Milestone.Status.DROPPED)
        latest: dict[int, IndicatorReading] = {}
        readings = IndicatorReading.objects.filter(goal__engagement=engagement).select_related("check_in")
        for reading in readings.order_by("check_in__held_on", "check_in_id"):
            latest[reading.goal_id] = reading
        indicators = tuple(
            IndicatorProgress(
                goal=goal,
                latest=latest[goal.pk].value if goal.pk in latest else None,
                read_on=latest[goal.pk].check_in.held_on if goal.pk in latest else None,
            )
            for goal in Goal.objects.filter(engagement=engagement).quantitative()
        )
        return cls(
            milestones_reached=milestones.filter(status=Milestone.Status.REACHED).count(),
            milestones_total=milestones.count(),
            indicators=indicators,
        )
