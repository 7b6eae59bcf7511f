"""The seven ordered stages of an MPC engagement, and what each needs before it is done."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import (
    PERSONAL_CATEGORIES,
    PROJECT_CATEGORIES,
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
        PERSON_AUDIT = 1, _("Person audit")
        PROJECT_AUDIT = 2, _("Project audit")
        MISSION = 3, _("Mission")
        GOALS = 4, _("Goals and activity flows")
        RESOURCES = 5, _("Resources and structure")
        ACTION_PLAN = 6, _("Double action plan")
        MONITORING = 7, _("Monitoring")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

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
        default=False, help_text=_("A stage this one depends on was reopened since it was done.")
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
        return gettext("Stage %(number)s (%(name)s) — %(engagement)s") % {
            "number": self.number, "name": self.get_number_display().lower(), "engagement": self.engagement,
        }

    @property
    def label(self) -> str:
        return gettext("stage %(number)s (%(name)s)") % {"number": self.number, "name": self.name.lower()}

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def previous(self) -> Stage | None:
        return Stage.objects.filter(engagement_id=self.engagement_id, number=self.number - 1).first()

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def name(self) -> str:
        """The stage's name; in team coaching stage 1 audits the team, not a person."""
        if self.number == self.Number.PERSON_AUDIT and self.engagement.kind == Engagement.Kind.TEAM:
            return gettext("Team audit")
        return self.get_number_display()

    def unmet_rules(self) -> list[tuple[str, str]]:
        """What stops this stage being marked done now, as (code, message) pairs."""
        if not self.can_move_to(self.Status.DONE):
            return [("stage_done", gettext("%(stage)s is already done") % {"stage": self.label})]
        rules: list[tuple[str, str]] = []
        previous = self.previous
        if previous is not None and not previous.is_done:
            rules.append((
                "stage_out_of_order",
                gettext("%(stage)s cannot be done before %(previous)s is done") % {"stage": self.label, "previous": previous.label},
            ))
        if missing := self.missing_content():
            rules.append((
                "stage_incomplete",
                gettext("%(stage)s is incomplete: %(missing)s") % {"stage": self.label, "missing": "; ".join(missing)},
            ))
        return rules

    def checklist(self) -> list[Check]:
        """What this stage needs before it can be done, each said as met or not."""
        return CHECKLISTS[self.number](self.engagement)

    def missing_content(self) -> list[str]:
        """What this stage still lacks before it can be done, in words for people."""
        return [check.missing for check in self.checklist() if not check.met]


@dataclass(frozen=True)
class Check:
    """One thing a stage needs: `needs` says it, `missing` says what lacks while it is not met."""

    needs: str
    met: bool
    missing: str


def _checks_1(engagement: Engagement) -> list[Check]:
    rated = set(engagement.audit_ratings.values_list("area", flat=True))
    unrated = ", ".join(str(label) for value, label in AuditRating.Area.choices if value not in rated).lower()
    if engagement.kind == Engagement.Kind.TEAM:
        needs = gettext("Every area rated for the team as it works now and as the project needs it")
    else:
        needs = gettext("Every area rated for the person and as the project needs it")
    checks = [Check(needs, not unrated, gettext("no rating yet for %(areas)s") % {"areas": unrated})]
    if engagement.kind == Engagement.Kind.TEAM:
        unobserved = TeamObservation.unobserved(engagement)
        checks.append(Check(
            gettext("An observation of each member"), not unobserved,
            gettext("no observation yet of %(names)s") % {"names": unobserved},
        ))
    return checks


def _checks_2(engagement: Engagement) -> list[Check]:
    lists = [
        (gettext("Customers and their expectations"), gettext("no customer yet"), engagement.mpc_customers),
        (gettext("Partners and their part"), gettext("no partner yet"), engagement.mpc_partners),
        (gettext("Factors that ease or hinder"), gettext("no easing or hindering factor yet"), engagement.mpc_factors),
    ]
    return [Check(needs, related.exists(), missing) for needs, missing, related in lists]


def _checks_3(engagement: Engagement) -> list[Check]:
    mission = Mission.objects.filter(engagement=engagement).first()
    stated = mission is not None and bool(mission.statement.strip())
    return [
        Check(gettext("The mission stated"), stated, gettext("no mission statement yet")),
        Check(
            gettext("The values it integrates"), stated and bool(mission.values.strip()),
            gettext("the mission does not state the values it integrates yet"),
        ),
    ]


def _checks_4(engagement: Engagement) -> list[Check]:
    goals = engagement.mpc_goals
    bare = "; ".join(
        gettext("goal “%(goal)s” has no milestone") % {"goal": goal} for goal in goals.filter(milestones__isnull=True).distinct()
    )
    return [
        Check(gettext("A goal with its deadline"), goals.exists(), gettext("no goal yet")),
        Check(gettext("Every goal broken into milestones"), not bare, bare),
        Check(
            gettext("A human goal: work climate, well-being, skills"), goals.filter(is_human=True).exists(),
            gettext("no human goal yet (work climate, well-being, skills): the method warns they are often forgotten"),
        ),
        Check(
            gettext("The activity flows and their owners"), engagement.mpc_activity_flows.exists(),
            gettext("no activity flow yet"),
        ),
    ]


def _checks_5(engagement: Engagement) -> list[Check]:
    kinds = set(engagement.mpc_resources.values_list("kind", flat=True))
    words = {
        Resource.Kind.TECHNICAL: (gettext("A technical resource"), gettext("no technical resource yet")),
        Resource.Kind.HUMAN: (gettext("A human resource"), gettext("no human resource yet")),
    }
    checks = [Check(needs, kind in kinds, missing) for kind, (needs, missing) in words.items()]
    roleless = names(engagement.coachees.exclude(user__mpc_roles__engagement=engagement))
    checks.append(Check(
        gettext("A role for each coachee"), not roleless, gettext("no role yet for %(names)s") % {"names": roleless}
    ))
    return checks


def _checks_6(engagement: Engagement) -> list[Check]:
    checks = []
    if engagement.kind == Engagement.Kind.INDIVIDUAL:
        checks.append(_categories_check(engagement, ActionPlan.Kind.PERSONAL, PERSONAL_CATEGORIES))
    checks.append(_categories_check(engagement, ActionPlan.Kind.PROJECT, PROJECT_CATEGORIES))
    if engagement.kind == Engagement.Kind.TEAM:
        owners = ActionItem.objects.filter(plan__engagement=engagement, plan__kind=ActionPlan.Kind.PROJECT)
        idle = names(engagement.coachees.exclude(user__in=owners.filter(owner__isnull=False).values("owner")))
        checks.append(Check(
            gettext("Responsibilities in the collective plan for every member"), not idle,
            gettext("no responsibility in the collective plan for %(names)s") % {"names": idle},
        ))
    return checks


def _categories_check(engagement: Engagement, kind: str, categories: tuple[str, ...]) -> Check:
    present = set(
        ActionItem.objects.filter(plan__engagement=engagement, plan__kind=kind).values_list("category", flat=True)
    )
    absent = ", ".join(ActionItem.Category(c).label.lower() for c in categories if c not in present)
    every = ", ".join(ActionItem.Category(c).label.lower() for c in categories)
    if kind == ActionPlan.Kind.PERSONAL:
        needs, missing = gettext("The personal plan: %(categories)s"), gettext("the personal plan has no item for %(categories)s")
    else:
        needs, missing = gettext("The project plan: %(categories)s"), gettext("the project plan has no item for %(categories)s")
    return Check(needs % {"categories": every}, not absent, missing % {"categories": absent})


def _checks_7(engagement: Engagement) -> list[Check]:
    open_milestones = names(Milestone.objects.filter(goal__engagement=engagement).pending())
    mission = Mission.objects.filter(engagement=engagement).first()
    return [
        Check(gettext("A check-in that reviews the indicators"), engagement.mpc_check_ins.exists(), gettext("no check-in yet")),
        Check(
            gettext("Every milestone reached (or dropped)"), not open_milestones,
            gettext("milestones not reached yet: %(names)s") % {"names": open_milestones},
        ),
        Check(
            gettext("The mission marked complete, with a closing note"), mission is not None and mission.is_complete,
            gettext("the mission is not marked complete yet"),
        ),
    ]


CHECKLISTS: dict[int, Callable[[Engagement], list[Check]]] = {
    1: _checks_1, 2: _checks_2, 3: _checks_3, 4: _checks_4, 5: _checks_5, 6: _checks_6, 7: _checks_7,
}
