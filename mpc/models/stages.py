"""The seven ordered stages of an MPC engagement, and what each needs before it is done."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from engagements.models import (
    ActionItem,
    ActionPlan,
    Engagement,
    EngagementScopedQuerySet,
)
from mpc.models.audits import AuditRating, TeamObservation
from mpc.models.base import choices_check, names
from mpc.models.goals import Milestone, Mission
from mpc.models.resources import Resource

# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------


class StageQuerySet(EngagementScopedQuerySet):
    def needing_review(self) -> StageQuerySet:
        """Done stages flagged because a stage they depend on was reopened."""
        return self.filter(needs_review=True)


class Stage(models.Model):
    class Number(models.IntegerChoices):
        PERSON_AUDIT = 1, "Person audit"
        PROJECT_AUDIT = 2, "Project audit"
        MISSION = 3, "Mission"
        GOALS = 4, "Goals and activity flows"
        RESOURCES = 5, "Resources and structure"
        ACTION_PLAN = 6, "Double action plan"
        MONITORING = 7, "Monitoring"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    # A stage starts when content is first written, and a coach may reopen a done one.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.NOT_STARTED: (Status.IN_PROGRESS, Status.DONE),
        Status.IN_PROGRESS: (Status.DONE,),
        Status.DONE: (Status.IN_PROGRESS,),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_stages")
    number = models.PositiveSmallIntegerField(choices=Number)
    status = models.CharField(max_length=12, choices=Status, default=Status.NOT_STARTED)
    needs_review = models.BooleanField(
        default=False, help_text="A stage this one depends on was reopened since it was done."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "number"], name="mpc_stage_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=7), name="mpc_stage_number_1_7"),
            choices_check("status", ["not_started", "in_progress", "done"]),
            models.CheckConstraint(
                condition=Q(status="done", completed_at__isnull=False)
                | ~Q(status="done") & Q(completed_at__isnull=True),
                name="mpc_stage_done_has_completed_at",
            ),
            models.CheckConstraint(
                condition=Q(needs_review=False) | ~Q(status="not_started"), name="mpc_stage_review_has_content"
            ),
        ]

    def __str__(self) -> str:
        return f"Stage {self.number} ({self.get_number_display().lower()}) — {self.engagement}"

    @property
    def label(self) -> str:
        return f"stage {self.number} ({self.get_number_display().lower()})"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def previous(self) -> Stage | None:
        return Stage.objects.filter(engagement_id=self.engagement_id, number=self.number - 1).first()

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def unmet_rules(self) -> list[tuple[str, str]]:
        """What stops this stage being marked done now, as (code, message) pairs."""
        if not self.can_move_to(self.Status.DONE):
            return [("stage_done", f"{self.label} is already done")]
        rules: list[tuple[str, str]] = []
        previous = self.previous
        if previous is not None and not previous.is_done:
            rules.append(("stage_out_of_order", f"{self.label} cannot be done before {previous.label} is done"))
        if missing := self.missing_content():
            rules.append(("stage_incomplete", f"{self.label} is incomplete: " + "; ".join(missing)))
        return rules

    def missing_content(self) -> list[str]:
        """What this stage still lacks before it can be done, in words for people."""
        return getattr(self, f"_missing_{self.number}")(self.engagement)

    # --- what each stage needs -------------------------------------------

    @staticmethod
    def _missing_1(engagement: Engagement) -> list[str]:
        if engagement.kind == Engagement.Kind.TEAM:
            return TeamObservation.missing_for(engagement)
        rated = set(engagement.audit_ratings.values_list("area", flat=True))
        unrated = [label for value, label in AuditRating.Area.choices if value not in rated]
        return [f"no rating yet for {', '.join(unrated).lower()}"] if unrated else []

    @staticmethod
    def _missing_2(engagement: Engagement) -> list[str]:
        lists = [
            ("customer", engagement.mpc_customers),
            ("partner", engagement.mpc_partners),
            ("easing or hindering factor", engagement.mpc_factors),
        ]
        return [f"no {what} yet" for what, related in lists if not related.exists()]

    @staticmethod
    def _missing_3(engagement: Engagement) -> list[str]:
        mission = Mission.objects.filter(engagement=engagement).first()
        if mission is None or not mission.statement.strip():
            return ["no mission statement yet"]
        if not mission.values.strip():
            return ["the mission does not state the values it integrates yet"]
        return []

    @staticmethod
    def _missing_4(engagement: Engagement) -> list[str]:
        goals = list(engagement.mpc_goals.filter(milestones__isnull=True).distinct())
        missing = [] if engagement.mpc_goals.exists() else ["no goal yet"]
        missing += [f"goal “{goal}” has no milestone" for goal in goals]
        if not engagement.mpc_activity_flows.exists():
            missing.append("no activity flow yet")
        return missing

    @staticmethod
    def _missing_5(engagement: Engagement) -> list[str]:
        kinds = set(engagement.mpc_resources.values_list("kind", flat=True))
        missing = [f"no {label.lower()} yet" for value, label in Resource.Kind.choices if value not in kinds]
        roleless = engagement.coachees.exclude(user__mpc_roles__engagement=engagement)
        if roleless:
            missing.append(f"no role yet for {names(roleless)}")
        return missing

    @staticmethod
    def _missing_6(engagement: Engagement) -> list[str]:
        missing = []
        if engagement.kind == Engagement.Kind.INDIVIDUAL:
            missing += _missing_categories(engagement, ActionPlan.Kind.PERSONAL, PERSONAL_CATEGORIES)
        missing += _missing_categories(engagement, ActionPlan.Kind.PROJECT, PROJECT_CATEGORIES)
        if engagement.kind == Engagement.Kind.TEAM:
            owners = ActionItem.objects.filter(plan__engagement=engagement, plan__kind=ActionPlan.Kind.PROJECT)
            idle = engagement.coachees.exclude(user__in=owners.filter(owner__isnull=False).values("owner"))
            if idle:
                missing.append(f"no responsibility in the collective plan for {names(idle)}")
        return missing

    @staticmethod
    def _missing_7(engagement: Engagement) -> list[str]:
        missing = [] if engagement.mpc_check_ins.exists() else ["no check-in yet"]
        open_milestones = Milestone.objects.filter(goal__engagement=engagement).pending()
        if open_milestones:
            missing.append(f"milestones not reached yet: {names(open_milestones)}")
        return missing


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


def _missing_categories(engagement: Engagement, kind: str, categories: tuple[str, ...]) -> list[str]:
    present = set(
        ActionItem.objects.filter(plan__engagement=engagement, plan__kind=kind).values_list("category", flat=True)
    )
    absent = [ActionItem.Category(c).label.lower() for c in categories if c not in present]
    plan = ActionPlan.Kind(kind).label.lower()
    return [f"the {plan} has no item for {', '.join(absent)}"] if absent else []
