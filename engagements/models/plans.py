"""Action plans: GROW's "Will" items and MPC's personal and project plans."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from engagements.models.engagement import Engagement, EngagementScopedQuerySet
from engagements.models.people import User

# ---------------------------------------------------------------------------
# Action plans: GROW "Will" items and MPC personal / project plans
# ---------------------------------------------------------------------------


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        SESSIONS = "sessions", gettext_lazy("Session actions")
        PERSONAL = "personal", gettext_lazy("Personal plan")
        PROJECT = "project", gettext_lazy("Project plan")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="action_plans")
    kind = models.CharField(max_length=10, choices=Kind)
    aim = models.TextField(blank=True, help_text=gettext_lazy("What the plan is for, in the client's words."))

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="action_plan_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.engagement}"

    @property
    def categories(self) -> tuple[str, ...]:
        """The kinds of item this plan holds (MPC's double plan has its own for each half)."""
        return PLAN_CATEGORIES.get(self.kind, (ActionItem.Category.GENERAL,))


class ActionItemQuerySet(EngagementScopedQuerySet):
    engagement_path = "plan__engagement"

    def visible_to(self, user: User) -> ActionItemQuerySet:
        """As the engagement, except that a team member never sees another member's
        personal plan: it stays theirs and their coach's."""
        visible = super().visible_to(user)
        if user.is_authenticated and user.role == User.Role.COACHEE:
            others_personal = Q(plan__kind=ActionPlan.Kind.PERSONAL, owner__role=User.Role.COACHEE) & ~Q(owner=user)
            visible = visible.exclude(others_personal)
        return visible

    def pending(self) -> ActionItemQuerySet:
        """Actions not done (nor dropped)."""
        return self.filter(status__in=[ActionItem.Status.TODO, ActionItem.Status.IN_PROGRESS])

    def still_due(self) -> ActionItemQuerySet:
        """Pending actions of engagements under way: a finished engagement's stay as they
        were, and nothing shows them as due any more."""
        return self.pending().filter(plan__engagement__state__in=Engagement.OPEN_STATES)


class ActionItem(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", gettext_lazy("To do")
        IN_PROGRESS = "in_progress", gettext_lazy("In progress")
        DONE = "done", gettext_lazy("Done")
        DROPPED = "dropped", gettext_lazy("Dropped")

    class Category(models.TextChoices):
        GENERAL = "", gettext_lazy("General")
        WORK_LIFE = "work_life", gettext_lazy("Work-life balance")
        HOBBY = "hobby", gettext_lazy("Hobbies")
        WEAK_POINT = "weak_point", gettext_lazy("Weak point to develop")
        MISSION = "mission", gettext_lazy("Mission")
        GOAL = "goal", gettext_lazy("Goals")
        ROLE = "role", gettext_lazy("Roles")
        RESOURCE = "resource", gettext_lazy("Tools and resources")
        DEADLINE = "deadline", gettext_lazy("Compulsory deadline")
        INDICATOR = "indicator", gettext_lazy("Control indicator")

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
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="action_item_progress_0_100",
                violation_error_message=gettext_lazy("Progress runs from 0 to 100 percent."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["todo", "in_progress", "done", "dropped"]),
                name="action_item_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100), name="action_item_done_is_100",
                violation_error_message=gettext_lazy("A done action is 100 percent done."),
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


# What each half of MPC's double action plan is made of (seed 003, stage 6).
PERSONAL_CATEGORIES = (
    ActionItem.Category.WORK_LIFE,
    ActionItem.Category.HOBBY,
    ActionItem.Category.WEAK_POINT,
)
PROJECT_CATEGORIES = (
    ActionItem.Category.MISSION,
    ActionItem.Category.GOAL,
    ActionItem.Category.ROLE,
    ActionItem.Category.RESOURCE,
    ActionItem.Category.DEADLINE,
    ActionItem.Category.INDICATOR,
)
PLAN_CATEGORIES = {ActionPlan.Kind.PERSONAL: PERSONAL_CATEGORIES, ActionPlan.Kind.PROJECT: PROJECT_CATEGORIES}
