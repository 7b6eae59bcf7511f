"""The engagement with its exploratory session, objectives, terms and closing skills
assessment, and the audit trail of what was done to it."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.utils import timezone

from engagements.models.people import Coach, Coachee, Organisation, User

RATING_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def rating_check(field: str, *, nullable: bool = False) -> models.CheckConstraint:
    """A database check that a 0–10 rating stays in range."""
    in_range = Q(**{f"{field}__gte": 0, f"{field}__lte": 10})
    if nullable:
        in_range |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=in_range, name=f"%(app_label)s_%(class)s_{field}_0_10")



# ---------------------------------------------------------------------------
# Engagement
# ---------------------------------------------------------------------------


def coach_id_of(user: User) -> int | None:
    """The id of `user`'s roster entry, or None: read once per user object, since the
    one-to-one accessor caches it (its absence included)."""
    if not user.is_authenticated:
        return None
    try:
        return user.coach.pk
    except Coach.DoesNotExist:
        return None


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> EngagementQuerySet:
        """The one gate: admins see every engagement, a coach their own and those they
        co-coach, a coachee those they take part in; supervisors gain nothing."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        if user.role == User.Role.COACH:
            return self.coached_by(user)
        # Subqueries rather than joins: no duplicates, so no DISTINCT to fight later filters.
        return self.filter(pk__in=Engagement.coachees.through.objects.filter(coachee__user=user).values("engagement"))

    def coached_by(self, user: User) -> EngagementQuerySet:
        """Engagements `user` runs as lead coach or co-coach (write access to content)."""
        coach_id = coach_id_of(user)
        if coach_id is None:
            return self.none()
        # A UNION of two index lookups: an OR of the two made PostgreSQL scan and hash
        # every engagement of the practice instead of using the coach index.
        led = Engagement.objects.filter(coach_id=coach_id).values("pk")
        co_coached = Engagement.co_coaches.through.objects.filter(coach_id=coach_id).values("engagement")
        return self.filter(pk__in=led.union(co_coached))

    def open(self) -> EngagementQuerySet:
        """Engagements still under way: they count against a coach's capacity."""
        return self.filter(state__in=Engagement.OPEN_STATES)

    def with_hours_used(self) -> EngagementQuerySet:
        """Annotate the minutes of held GROW sessions, so a list shows hours without a query a row."""
        held = (
            Engagement.objects.filter(pk=models.OuterRef("pk"), coaching_sessions__status="held").order_by()
            .values("pk").annotate(m=Sum("coaching_sessions__duration_minutes")).values("m")
        )
        return self.annotate(held_minutes=Coalesce(models.Subquery(held), 0))


class Engagement(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "Individual coaching"
        TEAM = "team", "Team coaching"

    class State(models.TextChoices):
        EXPLORATORY = "exploratory", "Exploratory"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ASSESSMENT = "assessment", "Skills assessment"
        CLOSED = "closed", "Closed"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        REMOTE = "remote", "Remote"
        HYBRID = "hybrid", "Hybrid"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"
        AD_HOC = "ad_hoc", "As agreed"

    # The allowed moves, as data (django-oscar's pipeline idea).
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        State.EXPLORATORY: (State.ACTIVE, State.DECLINED, State.CANCELLED),
        State.ACTIVE: (State.PAUSED, State.ASSESSMENT, State.CANCELLED),
        State.PAUSED: (State.ACTIVE, State.CANCELLED),
        State.ASSESSMENT: (State.ACTIVE, State.CLOSED, State.CANCELLED),
        State.CLOSED: (),
        State.DECLINED: (),
        State.CANCELLED: (),
    }
    OPEN_STATES = (State.EXPLORATORY, State.ACTIVE, State.PAUSED, State.ASSESSMENT)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.INDIVIDUAL)
    state = models.CharField(max_length=12, choices=State, default=State.EXPLORATORY)
    uses_mpc = models.BooleanField(
        "runs the MPC method", default=False, help_text="Management through Professional Coaching."
    )
    coach = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="engagements")
    co_coaches = models.ManyToManyField(Coach, blank=True, related_name="co_engagements")
    coachees = models.ManyToManyField(Coachee, related_name="engagements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="engagements"
    )
    opened_on = models.DateField(default=date.today)

    # Terms, set by the coach in the exploratory session.
    coaching_type = models.CharField(max_length=120, blank=True, help_text="e.g. executive, career.")
    planned_hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    session_frequency = models.CharField(max_length=12, choices=Frequency, blank=True)
    format = models.CharField(max_length=10, choices=Format, blank=True)
    location = models.CharField(max_length=200, blank=True)
    budget_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(
        max_length=3, blank=True, validators=[RegexValidator(r"^[A-Z]{3}$", "Use an ISO code like EUR.")]
    )

    # The closing skills assessment's written evaluation.
    evaluation = models.TextField(blank=True)
    assessed_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "title"]
        indexes = [models.Index(fields=["coach", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    state__in=["exploratory", "active", "paused", "assessment", "closed", "declined", "cancelled"]
                ),
                name="engagement_state_valid",
            ),
            models.CheckConstraint(condition=Q(kind__in=["individual", "team"]), name="engagement_kind_valid"),
            models.CheckConstraint(
                condition=Q(planned_hours__isnull=True) | Q(planned_hours__gt=0),
                name="engagement_planned_hours_positive",
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="engagement_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["", "in_person", "remote", "hybrid"]), name="engagement_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(budget_currency="")
                | Q(Exact(Length("budget_currency"), 3), Exact(F("budget_currency"), Upper("budget_currency"))),
                name="engagement_currency_iso",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # --- facts about this engagement -------------------------------------

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def missing_terms(self) -> list[str]:
        """The terms the coach has not set yet."""
        missing = [
            label
            for label, value in [
                ("coaching type", self.coaching_type),
                ("planned hours", self.planned_hours),
                ("session frequency", self.session_frequency),
                ("format", self.format),
                ("budget amount", self.budget_amount),
                ("budget currency", self.budget_currency),
            ]
            if value in (None, "")
        ]
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.location:
            missing.append("location")
        return missing

    @property
    def hours_used(self) -> Decimal:
        """Hours of held GROW sessions, counted against the planned hours."""
        minutes = getattr(self, "held_minutes", None)
        if minutes is None:
            minutes = self.coaching_sessions.filter(status="held").aggregate(m=Sum("duration_minutes"))["m"] or 0
        return (Decimal(minutes) / 60).quantize(Decimal("0.01"))

    @property
    def hours_remaining(self) -> Decimal | None:
        if self.planned_hours is None:
            return None
        return self.planned_hours - self.hours_used

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS[self.state]

    def unmet_rules(self, state: str) -> list[tuple[str, str]]:
        """What stops the move to `state` now, as (code, message) pairs; empty if none."""
        if not self.can_move_to(state):
            return [("transition_not_allowed", f"an engagement cannot go from {self.state} to {state}")]
        rules: list[tuple[str, str]] = []
        if self.state == self.State.EXPLORATORY and state == self.State.ACTIVE:
            if not self.objectives.exists():
                rules.append(("no_objective", "no objective yet"))
            if missing := self.missing_terms:
                rules.append(("incomplete_terms", "terms incomplete: " + ", ".join(missing) + " missing"))
            if not self.coachees.exists():
                rules.append(("no_coachee", "no coachee yet"))
        if state == self.State.CLOSED:
            pending = [o.statement for o in self.objectives.all() if not o.is_evaluated]
            if pending:
                rules.append(("objectives_not_evaluated", "objective not evaluated: " + "; ".join(pending)))
            if not self.evaluation.strip():
                rules.append(("no_evaluation", "no written evaluation of the client's evolution yet"))
        return rules


class EngagementEventQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> EngagementEventQuerySet:
        """The audit trail: the practice's for admins, their engagements' for coaches."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        if user.role == User.Role.COACH:
            return self.filter(engagement__in=Engagement.objects.coached_by(user))
        return self.none()


class EngagementEvent(models.Model):
    """An audited act on an engagement — who did what, when, from where; from which
    state to which. Never the content itself. Kept when the engagement is purged."""

    class Channel(models.TextChoices):
        PAGE = "page", "Web page"
        API = "api", "API"
        ADMIN = "admin", "Django admin"
        SYSTEM = "system", "System"

    engagement = models.ForeignKey(Engagement, on_delete=models.SET_NULL, null=True, related_name="events")
    engagement_ref = models.UUIDField(help_text="The engagement's public id, kept after a purge.")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60, help_text="e.g. engagement.transition, session.held")
    subject = models.CharField(max_length=200, blank=True, help_text="What was acted on (never content).")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=8, choices=Channel, default=Channel.SYSTEM)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = EngagementEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["engagement", "actor", "action", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"


class ExploratorySession(models.Model):
    """The first meeting that lays the relationship; one per engagement."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="exploratory")
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    summary = models.TextField(blank=True, help_text="Shared with the coachee.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=600),
                name="exploratory_duration_range",
            ),
        ]


class EngagementScopedQuerySet(models.QuerySet):
    """Rows reached through their engagement (by `engagement_path`): visible exactly when
    it is, through its one gate."""

    engagement_path = "engagement"

    def visible_to(self, user: User) -> models.QuerySet:
        """Rows of the engagements `user` may see."""
        return self.filter(**{f"{self.engagement_path}__in": Engagement.objects.visible_to(user)})


class Objective(models.Model):
    """A result the client wants at the end of the work, stated in the exploratory session."""

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        PARTLY = "partly", "Partly achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="objectives")
    statement = models.CharField(max_length=300)
    success_measure = models.CharField(max_length=300)
    baseline_rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    final_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING_VALIDATORS)
    outcome = models.CharField(max_length=14, choices=Outcome, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            rating_check("baseline_rating"),
            rating_check("final_rating", nullable=True),
            models.CheckConstraint(
                condition=Q(outcome__in=["", "achieved", "partly", "not_achieved"]),
                name="objective_outcome_valid",
            ),
            # Evaluated means both parts: a rating without a verdict is half-written.
            models.CheckConstraint(
                condition=Q(final_rating__isnull=True, outcome="") | Q(final_rating__isnull=False) & ~Q(outcome=""),
                name="objective_evaluation_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.statement

    @property
    def is_evaluated(self) -> bool:
        return self.final_rating is not None and bool(self.outcome)

    @property
    def rating_change(self) -> int | None:
        return None if self.final_rating is None else self.final_rating - self.baseline_rating
