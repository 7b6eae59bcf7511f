"""Stages 3 and 4: the mission, and the goals with their milestones and activity flows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from engagements.models import (
    Engagement,
    EngagementScopedQuerySet,
    User,
)
from mpc.models.base import AMOUNT, PERCENT_VALIDATORS, choices_check, percent_check

# ---------------------------------------------------------------------------
# Stage 3 — mission
# ---------------------------------------------------------------------------


class Mission(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="mpc_mission")
    statement = models.TextField()
    values = models.TextField(blank=True, help_text="The person's (or team's) values the mission integrates.")
    aspirations = models.TextField(blank=True, help_text="Their ideals and aspirations it integrates.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Mission — {self.engagement}"


# ---------------------------------------------------------------------------
# Stage 4 — goals, milestones, activity flows
# ---------------------------------------------------------------------------


class GoalQuerySet(EngagementScopedQuerySet):
    def quantitative(self) -> GoalQuerySet:
        """Goals measured by an indicator."""
        return self.filter(kind=Goal.Kind.QUANTITATIVE)


class Goal(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", "Quantitative"
        QUALITATIVE = "qualitative", "Qualitative"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_goals")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind)
    is_human = models.BooleanField("human-related", default=False)
    metric = models.CharField(max_length=120, blank=True, help_text="e.g. turnover, absenteeism rate.")
    unit = models.CharField(max_length=20, blank=True, help_text="e.g. EUR, %, days.")
    baseline = models.DecimalField(**AMOUNT, null=True, blank=True)
    target = models.DecimalField(**AMOUNT, null=True, blank=True)
    deadline = models.DateField()
    follows = models.ForeignKey(
        "Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_goals",
        help_text="The reached milestone this goal was set after, in monitoring.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "deadline", "id"]
        constraints = [
            choices_check("kind", ["quantitative", "qualitative"]),
            models.CheckConstraint(
                condition=Q(kind="qualitative")
                | ~Q(metric="") & ~Q(unit="") & Q(baseline__isnull=False, target__isnull=False),
                name="mpc_goal_quantitative_measured",
            ),
            models.CheckConstraint(
                condition=Q(kind="qualitative") | ~Q(target=models.F("baseline")),
                name="mpc_goal_target_not_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind != self.Kind.QUANTITATIVE:
            return
        errors = {
            field: f"A quantitative goal needs its {field}."
            for field in ("metric", "unit", "baseline", "target")
            if getattr(self, field) in (None, "")
        }
        if not errors and self.target == self.baseline:
            errors["target"] = "The target must differ from the baseline."
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(EngagementScopedQuerySet):
    engagement_path = "goal__engagement"

    def pending(self) -> MilestoneQuerySet:
        """Milestones not reached yet (and not dropped)."""
        return self.filter(status__in=[Milestone.Status.PENDING, Milestone.Status.IN_PROGRESS])

    def due_within(self, *, days: int, today: date) -> MilestoneQuerySet:
        """Pending milestones due from `today` to `days` days after it."""
        return self.pending().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def overdue(self, *, today: date) -> MilestoneQuerySet:
        """Pending milestones whose due date has passed."""
        return self.pending().filter(due_on__lt=today)


class Milestone(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        IN_PROGRESS = "in_progress", "In progress"
        REACHED = "reached", "Reached"
        DROPPED = "dropped", "Dropped"

    # Reached is final: the next goal is set after it.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PENDING: (Status.IN_PROGRESS, Status.REACHED, Status.DROPPED),
        Status.IN_PROGRESS: (Status.PENDING, Status.REACHED, Status.DROPPED),
        Status.REACHED: (),
        Status.DROPPED: (Status.PENDING,),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, validators=PERCENT_VALIDATORS)
    owner = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="mpc_milestones")
    reached_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        # What is still to remind, by due date: the reminder scan and the dashboard read
        # only pending milestones, so reached and dropped ones stay out of the index.
        indexes = [
            models.Index(
                fields=["due_on"], condition=Q(status__in=["pending", "in_progress"]), name="mpc_milestone_to_remind"
            )
        ]
        constraints = [
            percent_check("progress"),
            choices_check("status", ["pending", "in_progress", "reached", "dropped"]),
            models.CheckConstraint(
                condition=Q(status="reached", progress=100, reached_at__isnull=False)
                | ~Q(status="reached") & Q(reached_at__isnull=True),
                name="mpc_milestone_reached_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def engagement(self) -> Engagement:
        return self.goal.engagement

    @property
    def is_reached(self) -> bool:
        return self.status == self.Status.REACHED

    def can_move_to(self, status: str) -> bool:
        return status == self.status or status in self.TRANSITIONS[self.status]

    def is_overdue(self, today: date) -> bool:
        return self.due_on < today and self.status in (self.Status.PENDING, self.Status.IN_PROGRESS)

    def clean(self) -> None:
        deadline = self.goal.deadline if self.goal_id else None
        if self.due_on and deadline and self.due_on > deadline:
            raise ValidationError(
                {"due_on": f"The milestone is due on {self.due_on}, after its goal’s deadline ({deadline})."}
            )


class ActivityFlow(models.Model):
    """A flow of activity the project needs, and who owns it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_activity_flows")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="mpc_activity_flows")
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="activity_flows")

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]

    def __str__(self) -> str:
        return self.name
