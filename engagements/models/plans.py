"""Action plans: GROW's "Will" items and MPC's personal and project plans."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from engagements.models.engagement import Engagement, EngagementScopedQuerySet
from engagements.models.people import User

# ---------------------------------------------------------------------------
# Action plans: GROW "Will" items and MPC personal / project plans
# ---------------------------------------------------------------------------


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        SESSIONS = "sessions", "Session actions"
        PERSONAL = "personal", "Personal plan"
        PROJECT = "project", "Project plan"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="action_plans")
    kind = models.CharField(max_length=10, choices=Kind)
    aim = models.TextField(blank=True, help_text="What the plan is for, in the client's words.")

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="action_plan_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.engagement}"


class ActionItemQuerySet(EngagementScopedQuerySet):
    engagement_path = "plan__engagement"

    def pending(self) -> ActionItemQuerySet:
        return self.filter(status__in=[ActionItem.Status.TODO, ActionItem.Status.IN_PROGRESS])


class ActionItem(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", "To do"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Category(models.TextChoices):
        GENERAL = "", "General"
        WORK_LIFE = "work_life", "Work-life balance"
        HOBBY = "hobby", "Hobbies"
        WEAK_POINT = "weak_point", "Weak point to develop"
        MISSION = "mission", "Mission"
        GOAL = "goal", "Goals"
        ROLE = "role", "Roles"
        RESOURCE = "resource", "Tools and resources"
        DEADLINE = "deadline", "Compulsory deadline"
        INDICATOR = "indicator", "Control indicator"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=300)
    category = models.CharField(max_length=12, choices=Category, blank=True, default="")
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.TODO)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        # What is still to remind, by due date (as for milestones): done and dropped items stay out.
        indexes = [
            models.Index(
                fields=["due_on"], condition=Q(status__in=["todo", "in_progress"]), name="action_item_to_remind"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="action_item_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["todo", "in_progress", "done", "dropped"]),
                name="action_item_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100), name="action_item_done_is_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def engagement(self) -> Engagement:
        return self.plan.engagement

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today and self.status in (
            self.Status.TODO,
            self.Status.IN_PROGRESS,
        )
