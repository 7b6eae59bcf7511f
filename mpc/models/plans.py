"""Stage 6: the double action plan built from the stages before it. Its items are
engagements' ActionItems; what MPC adds is what each item is about (the mission, a goal,
a role or a resource of stages 3–5, or a gap of stage 1's audit) and, for a control
indicator, its measure."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagements.models import ActionItem, Engagement, EngagementScopedQuerySet
from mpc.models.audits import AuditRating
from mpc.models.base import AMOUNT, choices_check
from mpc.models.goals import Goal, Mission
from mpc.models.resources import Resource, Role

# What an item of each category points at, by the name of PlanLink's field.
ABOUT_FIELD = {
    ActionItem.Category.MISSION: "mission",
    ActionItem.Category.GOAL: "goal",
    ActionItem.Category.ROLE: "role",
    ActionItem.Category.RESOURCE: "resource",
    ActionItem.Category.WEAK_POINT: "gap",
}
ABOUT_MODEL = {"mission": Mission, "goal": Goal, "role": Role, "resource": Resource, "gap": AuditRating}
Record = Mission | Goal | Role | Resource | AuditRating


class PlanLinkQuerySet(EngagementScopedQuerySet):
    engagement_path = "item__plan__engagement"


class PlanLink(models.Model):
    """What an item of the double action plan is about: a record of an earlier stage, so
    an edit there shows in the plan. Exactly one of the references is set."""

    item = models.OneToOneField(ActionItem, on_delete=models.CASCADE, related_name="mpc_link")
    # RESTRICT: a record the plan refers to is not deleted under it (the services say so
    # first, in words), but goes with its engagement, plan and all.
    mission = models.ForeignKey(Mission, on_delete=models.RESTRICT, null=True, blank=True, related_name="plan_links")
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, null=True, blank=True, related_name="plan_links")
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, null=True, blank=True, related_name="plan_links")
    resource = models.ForeignKey(Resource, on_delete=models.RESTRICT, null=True, blank=True, related_name="plan_links")
    gap = models.ForeignKey(AuditRating, on_delete=models.RESTRICT, null=True, blank=True, related_name="plan_links")

    objects = PlanLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(**{f"{name}__isnull": name != chosen for name in ABOUT_MODEL})
                        for chosen in ABOUT_MODEL
                    ],
                    _connector=Q.OR,
                ),
                name="mpc_plan_link_about_one",
                violation_error_message=_("A plan item is about one record of the earlier stages."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.about}"

    @property
    def about(self) -> Record:
        return next(getattr(self, name) for name in ABOUT_MODEL if getattr(self, f"{name}_id") is not None)

    @staticmethod
    def field_for(record: Record) -> str:
        return next(name for name, model in ABOUT_MODEL.items() if isinstance(record, model))


class ControlIndicatorQuerySet(EngagementScopedQuerySet):
    engagement_path = "item__plan__engagement"


class ControlIndicator(models.Model):
    """A control indicator of the project plan, made measurable: its unit, where it starts,
    the target and which way is better. Its name, owner and due date are its plan item's."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    item = models.OneToOneField(ActionItem, on_delete=models.CASCADE, related_name="mpc_indicator")
    unit = models.CharField(max_length=20, help_text=_("e.g. %, days, EUR, complaints a month."))
    baseline = models.DecimalField(**AMOUNT, help_text=_("Where it stands now."))
    target = models.DecimalField(**AMOUNT)
    direction = models.CharField(max_length=4, choices=Direction, default=Direction.UP)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ControlIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["item__due_on", "id"]
        constraints = [
            choices_check("direction", ["up", "down"]),
            models.CheckConstraint(condition=~Q(unit=""), name="mpc_indicator_has_unit"),
            models.CheckConstraint(
                condition=Q(direction="up", target__gt=models.F("baseline"))
                | Q(direction="down", target__lt=models.F("baseline")),
                name="mpc_indicator_target_beyond_baseline",
                violation_error_message=_(
                    "The target lies beyond the baseline in the direction that is better: "
                    "above it when higher is better, below it when lower is better."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.item.title

    @property
    def engagement(self) -> Engagement:
        return self.item.plan.engagement

    @property
    def title(self) -> str:
        return self.item.title

    def is_met(self, value: Decimal | None) -> bool:
        if value is None:
            return False
        return value >= self.target if self.direction == self.Direction.UP else value <= self.target
