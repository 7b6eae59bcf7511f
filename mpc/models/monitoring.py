"""Stage 7: monitoring — check-ins, indicator readings, milestone updates — and the
progress computed from them, never stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import (
    Engagement,
    EngagementScopedQuerySet,
)
from mpc.models.base import AMOUNT, PERCENT_VALIDATORS, percent_check, unique
from mpc.models.goals import Goal, Milestone
from mpc.models.plans import ControlIndicator

# ---------------------------------------------------------------------------
# Stage 7 — monitoring
# ---------------------------------------------------------------------------


class CheckIn(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_check_ins")
    held_on = models.DateField()
    notes = models.TextField(blank=True, help_text=_("Shared with the coachee(s)."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "held_on", "id"]

    def __str__(self) -> str:
        return gettext("Check-in %(held_on)s — %(engagement)s") % {"held_on": self.held_on, "engagement": self.engagement}


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
            unique("check_in", "goal", name="mpc_reading_one_per_goal", message=_("This check-in reads that goal's indicator once.")),
            models.CheckConstraint(condition=~Q(unit=""), name="mpc_reading_has_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} {self.unit}"

    def clean(self) -> None:
        if not (self.goal_id and self.check_in_id):
            return
        goal = self.goal
        if goal.engagement_id != self.check_in.engagement_id:
            raise ValidationError({"goal": gettext("“%(goal)s” is not a goal of this engagement.") % {"goal": goal}})
        if goal.kind != Goal.Kind.QUANTITATIVE:
            raise ValidationError({"goal": gettext("“%(goal)s” is qualitative: it has no indicator to read.") % {"goal": goal}})
        if self.unit != goal.unit:
            raise ValidationError(
                {"unit": gettext("The value is in “%(unit)s” but “%(what)s” is measured in “%(its_unit)s”.")
                 % {"unit": self.unit, "what": goal, "its_unit": goal.unit}}
            )


class MilestoneUpdateQuerySet(EngagementScopedQuerySet):
    engagement_path = "check_in__engagement"


class MilestoneUpdate(models.Model):
    """A milestone's progress as recorded at a check-in or by its owner or coach on a day
    (the history behind Milestone.progress, drawn in the monitoring charts)."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, null=True, blank=True, related_name="milestone_updates")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="updates")
    progress = models.PositiveSmallIntegerField(validators=PERCENT_VALIDATORS)
    status = models.CharField(max_length=12, choices=Milestone.Status, blank=True, default="")
    note = models.TextField(blank=True, default="")
    recorded_on = models.DateField(default=date.today)

    objects = MilestoneUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_on", "id"]
        constraints = [
            unique("check_in", "milestone", name="mpc_milestone_update_once", message=_("This check-in records that milestone once.")),
            percent_check("progress"),
        ]


class GoalRatingQuerySet(EngagementScopedQuerySet):
    engagement_path = "check_in__engagement"


class GoalRating(models.Model):
    """A qualitative goal rated 1–10 at a check-in: how far its sign of success shows."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="goal_ratings")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])

    objects = GoalRatingQuerySet.as_manager()

    class Meta:
        ordering = ["check_in", "id"]
        constraints = [
            unique("check_in", "goal", name="mpc_goal_rating_once", message=_("This check-in rates that goal once.")),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=10), name="mpc_goal_rating_1_10"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.rating}/10"

    def clean(self) -> None:
        if not (self.goal_id and self.check_in_id):
            return
        if self.goal.engagement_id != self.check_in.engagement_id:
            raise ValidationError({"goal": gettext("“%(goal)s” is not a goal of this engagement.") % {"goal": self.goal}})
        if self.goal.kind != Goal.Kind.QUALITATIVE:
            raise ValidationError({"goal": gettext("“%(goal)s” is quantitative: read its indicator instead of rating it.") % {"goal": self.goal}})


class ControlReadingQuerySet(EngagementScopedQuerySet):
    engagement_path = "indicator__item__plan__engagement"


class ControlReading(models.Model):
    """A control indicator's value on a day, in the indicator's unit: read by its owner or
    the coach, on its own or at a check-in."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(ControlIndicator, on_delete=models.CASCADE, related_name="readings")
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, null=True, blank=True, related_name="control_readings")
    value = models.DecimalField(**AMOUNT)
    unit = models.CharField(max_length=20)
    read_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ControlReadingQuerySet.as_manager()

    class Meta:
        ordering = ["read_on", "id"]
        constraints = [
            unique(
                "indicator", "read_on", name="mpc_control_reading_one_a_day",
                message=_("This indicator has a reading on that day already: correct it instead."),
            ),
            models.CheckConstraint(condition=~Q(unit=""), name="mpc_control_reading_has_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} {self.unit}"

    @property
    def engagement(self) -> Engagement:
        return self.indicator.engagement

    def clean(self) -> None:
        if not self.indicator_id:
            return
        indicator = self.indicator
        if self.check_in_id and indicator.item.plan.engagement_id != self.check_in.engagement_id:
            raise ValidationError({"indicator": gettext("“%(indicator)s” is not a control indicator of this engagement.") % {"indicator": indicator}})
        if self.unit != indicator.unit:
            raise ValidationError(
                {"unit": gettext("The value is in “%(unit)s” but “%(what)s” is measured in “%(its_unit)s”.")
                 % {"unit": self.unit, "what": indicator, "its_unit": indicator.unit}}
            )


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
