"""Management through Professional Coaching (MPC): seven ordered stages that run the
coaching as a project, from the audits to the monitoring of goals and milestones.

Action plans (stage 6) live on engagements' ActionPlan / ActionItem, shared with GROW.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from engagements.models import (
    RATING_VALIDATORS,
    ActionItem,
    ActionPlan,
    Engagement,
    User,
    rating_check,
)

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
AMOUNT = {"max_digits": 16, "decimal_places": 4}


def percent_check(field: str) -> models.CheckConstraint:
    """A database check that a 0–100 progress stays in range."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": 100}), name=f"%(app_label)s_%(class)s_{field}_0_100"
    )


def choices_check(field: str, values: list[str]) -> models.CheckConstraint:
    """A database check that a status-like column holds one of its choices."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}), name=f"%(app_label)s_%(class)s_{field}_valid"
    )


def names(people) -> str:
    return ", ".join(str(person) for person in people)


class EngagementScopedQuerySet(models.QuerySet):
    """Rows reached through their engagement: visible exactly when it is."""

    engagement_path = "engagement"

    def visible_to(self, user: User) -> models.QuerySet:
        """Rows of the engagements `user` may see."""
        return self.filter(**{f"{self.engagement_path}__in": Engagement.objects.visible_to(user)})


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


# ---------------------------------------------------------------------------
# Stage 1 — audit of the person, or of the team's global functioning
# ---------------------------------------------------------------------------


class AuditRating(models.Model):
    """One area of the person audit: where the person stands against what the project requires."""

    class Area(models.TextChoices):
        KNOWLEDGE = "knowledge", "Knowledge"
        KNOW_HOW = "know_how", "Know-how"
        BEHAVIOUR = "behaviour", "Behaviour"
        VALUES = "values", "Values"
        LIFE_BALANCE = "life_balance", "Life balance"

    PROFESSIONAL = (Area.KNOWLEDGE, Area.KNOW_HOW, Area.BEHAVIOUR)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="audit_ratings")
    area = models.CharField(max_length=12, choices=Area)
    rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS, help_text="Where they stand, 0–10.")
    required = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS, help_text="What the project needs, 0–10.")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "area"], name="mpc_audit_rating_one_per_area"),
            choices_check("area", ["knowledge", "know_how", "behaviour", "values", "life_balance"]),
            rating_check("rating"),
            rating_check("required"),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.rating}/{self.required}"

    @property
    def level(self) -> str:
        return "professional" if self.area in self.PROFESSIONAL else "personal"

    @property
    def gap(self) -> int:
        """How far the person stands below what the project requires (negative: above it)."""
        return self.required - self.rating


class TeamObservationQuerySet(EngagementScopedQuerySet):
    def visible_to(self, user: User) -> TeamObservationQuerySet:
        """As the engagement, except that a team member never reads what was said of another."""
        visible = super().visible_to(user)
        if user.is_authenticated and user.role == User.Role.COACHEE:
            visible = visible.filter(Q(member__isnull=True) | Q(member=user))
        return visible


class TeamObservation(models.Model):
    """The team audit: an observation of the whole team (no member) or of one member."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="team_observations")
    member = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    aspect = models.CharField(max_length=120, help_text="e.g. communication, decision-making.")
    observation = models.TextField()
    rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING_VALIDATORS)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamObservationQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "member", "id"]
        constraints = [rating_check("rating", nullable=True)]

    def __str__(self) -> str:
        return f"{self.member or 'Whole team'}: {self.aspect}"

    @staticmethod
    def missing_for(engagement: Engagement) -> list[str]:
        observations = engagement.team_observations
        missing = [] if observations.filter(member__isnull=True).exists() else ["no whole-team observation yet"]
        # NOT IN over a column with NULLs matches nothing, hence the filter.
        unobserved = engagement.coachees.exclude(user__in=observations.filter(member__isnull=False).values("member"))
        if unobserved:
            missing.append(f"no observation yet of {names(unobserved)}")
        return missing


# ---------------------------------------------------------------------------
# Stage 2 — audit of the project
# ---------------------------------------------------------------------------


class Customer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_customers")
    name = models.CharField(max_length=200)
    expectations = models.TextField()

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]
        constraints = [models.UniqueConstraint(fields=["engagement", "name"], name="mpc_customer_unique")]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_partners")
    name = models.CharField(max_length=200)
    part = models.TextField(help_text="The part they take in the project.")

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]
        constraints = [models.UniqueConstraint(fields=["engagement", "name"], name="mpc_partner_unique")]

    def __str__(self) -> str:
        return self.name


class Factor(models.Model):
    """Something technical or human that eases or hinders the project, weighted 1–5."""

    class Nature(models.TextChoices):
        TECHNICAL = "technical", "Technical"
        HUMAN = "human", "Human"

    class Effect(models.TextChoices):
        EASES = "eases", "Eases"
        HINDERS = "hinders", "Hinders"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_factors")
    description = models.CharField(max_length=300)
    nature = models.CharField(max_length=10, choices=Nature)
    effect = models.CharField(max_length=10, choices=Effect)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="Impact, 1 (slight) to 5 (decisive)."
    )

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-weight", "id"]
        constraints = [
            choices_check("nature", ["technical", "human"]),
            choices_check("effect", ["eases", "hinders"]),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=5), name="mpc_factor_weight_1_5"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def signed_weight(self) -> int:
        return self.weight if self.effect == self.Effect.EASES else -self.weight


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


# ---------------------------------------------------------------------------
# Stage 5 — resources and structure
# ---------------------------------------------------------------------------


class Resource(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", "Technical resource"
        HUMAN = "human", "Human resource"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_resources")
    kind = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind", "name"]
        constraints = [choices_check("kind", ["technical", "human"])]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A coachee's role in the project and the responsibilities that go with it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_roles")
    holder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mpc_roles")
    title = models.CharField(max_length=120)
    responsibilities = models.TextField()

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "holder", "title"]
        constraints = [models.UniqueConstraint(fields=["engagement", "holder", "title"], name="mpc_role_unique")]

    def __str__(self) -> str:
        return f"{self.holder}: {self.title}"


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
