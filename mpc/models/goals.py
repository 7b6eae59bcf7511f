"""Stages 3 and 4: the mission, and the goals with their milestones and activity flows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
    class Status(models.TextChoices):
        UNDER_WAY = "under_way", _("Under way")
        COMPLETE = "complete", _("Complete")

    # Monitoring ends when the mission is complete; reopening monitoring takes it up again.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.UNDER_WAY: (Status.COMPLETE,),
        Status.COMPLETE: (Status.UNDER_WAY,),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="mpc_mission")
    statement = models.TextField()
    values = models.TextField(blank=True, help_text=_("The person's (or team's) values the mission integrates."))
    aspirations = models.TextField(blank=True, help_text=_("Their ideals and aspirations it integrates."))
    status = models.CharField(max_length=10, choices=Status, default=Status.UNDER_WAY)
    completed_on = models.DateField(null=True, blank=True)
    closing_note = models.TextField(blank=True, default="", help_text=_("What was achieved, in a few lines."))
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        # Added NOT VALID (migration 0004): no existing mission can break them.
        constraints = [
            choices_check("status", ["under_way", "complete"]),
            models.CheckConstraint(
                condition=Q(status="complete", completed_on__isnull=False) & ~Q(closing_note="")
                | Q(status="under_way", completed_on__isnull=True),
                name="mpc_mission_complete_dated_and_noted",
                violation_error_message=_("A complete mission has the day it was completed and a closing note."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Mission — %(engagement)s") % {"engagement": self.engagement}

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


# ---------------------------------------------------------------------------
# Stage 4 — goals, milestones, activity flows
# ---------------------------------------------------------------------------


class GoalQuerySet(EngagementScopedQuerySet):
    def quantitative(self) -> GoalQuerySet:
        """Goals measured by an indicator."""
        return self.filter(kind=Goal.Kind.QUANTITATIVE)

    def qualitative(self) -> GoalQuerySet:
        """Goals judged by a sign of success, rated 1–10 at each check-in."""
        return self.filter(kind=Goal.Kind.QUALITATIVE)

    def still_open(self) -> GoalQuerySet:
        """Goals with a milestone still to reach, or none set yet."""
        pending = Milestone.objects.filter(goal=models.OuterRef("pk")).pending()
        return self.filter(models.Exists(pending) | Q(milestones__isnull=True)).distinct()


class Goal(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("Quantitative")
        QUALITATIVE = "qualitative", _("Qualitative")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_goals")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind)
    is_human = models.BooleanField(_("human-related"), default=False)
    success_sign = models.TextField(
        _("sign of success"), blank=True, default="",
        help_text=_("A qualitative goal: what will show it is reached, e.g. people speak up in meetings."),
    )
    metric = models.CharField(max_length=120, blank=True, help_text=_("e.g. turnover, absenteeism rate."))
    unit = models.CharField(max_length=20, blank=True, help_text=_("e.g. EUR, %, days."))
    baseline = models.DecimalField(**AMOUNT, null=True, blank=True)
    target = models.DecimalField(**AMOUNT, null=True, blank=True)
    deadline = models.DateField()
    follows = models.ForeignKey(
        "Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_goals",
        help_text=_("The reached milestone this goal was set after, in monitoring."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    @property
    def is_quantitative(self) -> bool:
        return self.kind == self.Kind.QUANTITATIVE

    @property
    def is_upward(self) -> bool:
        """Whether more is better: the target lies above the baseline."""
        return self.target is not None and self.baseline is not None and self.target > self.baseline

    def clean(self) -> None:
        # No database check behind this one: goals written before it have no sign, and
        # must stay writable (a SET NULL on `follows` updates them) until corrected.
        if self.kind == self.Kind.QUALITATIVE and not self.success_sign.strip():
            raise ValidationError({"success_sign": gettext("A qualitative goal needs its sign of success: what will show it is reached.")})
        if self.kind != self.Kind.QUANTITATIVE:
            return
        needs = {
            "metric": gettext("A quantitative goal needs its metric."),
            "unit": gettext("A quantitative goal needs its unit."),
            "baseline": gettext("A quantitative goal needs its baseline."),
            "target": gettext("A quantitative goal needs its target."),
        }
        errors = {field: message for field, message in needs.items() if getattr(self, field) in (None, "")}
        if not errors and self.target == self.baseline:
            errors["target"] = gettext("The target must differ from the baseline.")
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(EngagementScopedQuerySet):
    engagement_path = "goal__engagement"

    def pending(self) -> MilestoneQuerySet:
        """Milestones not reached yet (and not dropped)."""
        return self.filter(status__in=[Milestone.Status.PENDING, Milestone.Status.IN_PROGRESS])

    def still_due(self) -> MilestoneQuerySet:
        """Pending milestones of engagements under way (a finished one's are no longer due)."""
        return self.pending().filter(goal__engagement__state__in=Engagement.OPEN_STATES)

    def due_within(self, *, days: int, today: date) -> MilestoneQuerySet:
        """Pending milestones due from `today` to `days` days after it."""
        return self.pending().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def overdue(self, *, today: date) -> MilestoneQuerySet:
        """Pending milestones whose due date has passed."""
        return self.pending().filter(due_on__lt=today)


class Milestone(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Dropped")

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
                {"due_on": gettext("The milestone is due on %(due_on)s, after its goal’s deadline (%(deadline)s).")
                 % {"due_on": self.due_on, "deadline": deadline}}
            )


class ActivityFlow(models.Model):
    """A flow of activity the project needs, and who owns it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_activity_flows")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="mpc_activity_flows")
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="activity_flows")
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]

    def __str__(self) -> str:
        return self.name
