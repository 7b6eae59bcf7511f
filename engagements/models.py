"""People, the coach roster, and the engagement with its exploratory session,
objectives, terms, action plans and closing skills assessment."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.utils import timezone

RATING_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def rating_check(field: str, *, nullable: bool = False) -> models.CheckConstraint:
    """A database check that a 0–10 rating stays in range."""
    in_range = Q(**{f"{field}__gte": 0, f"{field}__lte": 10})
    if nullable:
        in_range |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=in_range, name=f"%(app_label)s_%(class)s_{field}_0_10")


# ---------------------------------------------------------------------------
# People and roster
# ---------------------------------------------------------------------------


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        COACH = "coach", "Coach"
        COACHEE = "coachee", "Coachee"

    class ReminderMode(models.TextChoices):
        DIGEST = "digest", "One daily digest"
        IMMEDIATE = "immediate", "Each reminder at once"
        OFF = "off", "No reminder emails"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=10, choices=Role, default=Role.COACHEE)
    time_zone = models.CharField(max_length=64, default="UTC")
    reminder_mode = models.CharField(max_length=10, choices=ReminderMode, default=ReminderMode.DIGEST)

    objects = UserManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["admin", "coach", "coachee"]), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_practice_admin(self) -> bool:
        return self.is_authenticated and (self.role == self.Role.ADMIN or self.is_superuser)


class CoachQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CoachQuerySet:
        """Coaches whose roster facts `user` may see: admins all, a coach themself and
        their supervisees, a coachee the coaches of their own engagements."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        if user.role == User.Role.COACH:
            return self.filter(Q(user=user) | Q(supervisor__user=user))
        theirs = Engagement.objects.visible_to(user)
        return self.filter(
            Q(pk__in=theirs.values("coach")) | Q(pk__in=Engagement.co_coaches.through.objects.filter(engagement__in=theirs).values("coach"))
        )

    def available(self) -> CoachQuerySet:
        """Active coaches."""
        return self.filter(is_active=True)

    def with_load(self) -> CoachQuerySet:
        """Annotate each coach's open engagements and held-session minutes (one query for a roster)."""
        open_count = (
            Engagement.objects.open().filter(coach=models.OuterRef("pk")).order_by()
            .values("coach").annotate(n=models.Count("pk")).values("n")
        )
        held = (
            User.objects.filter(pk=models.OuterRef("user_id"), sessions_held__status="held").order_by()
            .values("pk").annotate(m=Sum("sessions_held__duration_minutes")).values("m")
        )
        return self.annotate(
            open_engagements=Coalesce(models.Subquery(open_count), 0),
            held_minutes=Coalesce(models.Subquery(held), 0),
        )


class Coach(models.Model):
    """A certified coach of the firm: one row of the roster."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="coach")
    bio = models.TextField(blank=True)
    specialties = models.CharField(max_length=255, blank=True)
    supervisor = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supervisees"
    )
    capacity = models.PositiveSmallIntegerField(
        default=8, help_text="How many open engagements this coach can carry."
    )
    is_active = models.BooleanField(default=True)
    joined_on = models.DateField(default=date.today)

    objects = CoachQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("id")), name="coach_not_own_supervisor"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="coach_capacity_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def would_loop_with(self, supervisor: Coach) -> bool:
        """Whether being supervised by `supervisor` would make a supervision loop."""
        seen, cursor = set(), supervisor
        while cursor is not None and cursor.pk not in seen:
            if cursor.pk == self.pk:
                return True
            seen.add(cursor.pk)
            cursor = cursor.supervisor
        return False

    @property
    def open_engagement_count(self) -> int:
        if (annotated := getattr(self, "open_engagements", None)) is not None:
            return annotated
        return self.engagements.open().count()

    @property
    def is_at_capacity(self) -> bool:
        return self.open_engagement_count >= self.capacity

    @property
    def hours_logged(self) -> Decimal:
        """Coaching hours from the sessions this coach held (never typed by hand)."""
        minutes = getattr(self, "held_minutes", None)
        if minutes is None:
            minutes = self.user.sessions_held.filter(status="held").aggregate(m=Sum("duration_minutes"))["m"] or 0
        return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


class CertificationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CertificationQuerySet:
        """Certifications of the coaches whose roster facts `user` may see."""
        return self.filter(coach__in=Coach.objects.visible_to(user))

    def expiring_within(self, *, days: int, today: date) -> CertificationQuerySet:
        """Certifications that lapse in the next `days` days (not already lapsed)."""
        return self.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=days))


class Certification(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="certifications")
    body = models.CharField(max_length=120, help_text="Certifying body, e.g. ICF, EMCC.")
    level = models.CharField(max_length=60, help_text="e.g. ACC, PCC, MCC.")
    number = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on"]
        constraints = [
            models.UniqueConstraint(fields=["coach", "body", "level"], name="certification_unique"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.level}"

    def is_valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


class SupervisionEntry(models.Model):
    """A supervision meeting: roster facts only, never client content."""

    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="supervision_log")
    supervisor = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="supervision_given")
    held_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    topics = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name_plural = "supervision entries"
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="supervision_hours_positive"),
        ]


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> OrganisationQuerySet:
        """Admins and coaches see every sponsor; a coachee their own organisation."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin or user.role == User.Role.COACH:
            return self.all()
        return self.filter(coachees__user=user)


class Organisation(models.Model):
    """A sponsor: the company that pays for an engagement."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CoacheeQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CoacheeQuerySet:
        """Admins see every client, a coach the clients of engagements they coach, a
        coachee themself and the members of their own team engagements."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        theirs = Engagement.objects.visible_to(user)
        return self.filter(Q(user=user) | Q(pk__in=Engagement.coachees.through.objects.filter(engagement__in=theirs).values("coachee")))


class Coachee(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="coachee")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="coachees"
    )
    job_title = models.CharField(max_length=200, blank=True)

    objects = CoacheeQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


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


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ObjectiveQuerySet:
        """Objectives of the engagements `user` may see."""
        return self.filter(engagement__in=Engagement.objects.visible_to(user))


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

    objects = ObjectiveQuerySet.as_manager()

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


# ---------------------------------------------------------------------------
# Action plans: GROW "Will" items and MPC personal / project plans
# ---------------------------------------------------------------------------


class ActionPlanQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ActionPlanQuerySet:
        """Plans of the engagements `user` may see."""
        return self.filter(engagement__in=Engagement.objects.visible_to(user))


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        SESSIONS = "sessions", "Session actions"
        PERSONAL = "personal", "Personal plan"
        PROJECT = "project", "Project plan"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="action_plans")
    kind = models.CharField(max_length=10, choices=Kind)
    aim = models.TextField(blank=True, help_text="What the plan is for, in the client's words.")

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="action_plan_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.engagement}"


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ActionItemQuerySet:
        """Items on the action plans of engagements `user` may see."""
        return self.filter(plan__engagement__in=Engagement.objects.visible_to(user))

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


# ---------------------------------------------------------------------------
# Reminders: the sent-log that makes "exactly once" a database fact
# ---------------------------------------------------------------------------


class ReminderQuerySet(models.QuerySet):
    def to_send(self) -> ReminderQuerySet:
        """Reminders not yet settled: pending, or claimed by a sender (served by a partial index)."""
        return self.filter(status__in=Reminder.OPEN_STATUSES)

    def claimable(self, *, now, lease: timedelta) -> ReminderQuerySet:
        """Reminders a scan may claim now: never tried, or last claimed longer ago than the lease
        (its sender died, or its last attempt failed and may be retried)."""
        return self.to_send().filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease))


class Reminder(models.Model):
    """One reminder about one subject (action item, milestone, certification), at one lead
    time, for one recipient and one due date; the unique constraint makes it exist once."""

    class Kind(models.TextChoices):
        DUE = "due", "Coming due"
        OVERDUE = "overdue", "Overdue"
        CERTIFICATION = "certification", "Certification expiring"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CLAIMED = "claimed", "Claimed by a sender"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = (Status.PENDING, Status.CLAIMED)
    OVERDUE_LEAD = 0  # lead days are >= 1 (settings), so 0 marks the one overdue reminder

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=14, choices=Kind)
    lead_days = models.PositiveSmallIntegerField(help_text="Days before the due date; 0 for overdue.")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    claim = models.UUIDField(null=True, blank=True, help_text="The token of the scan that claimed it.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            # due_on is part of the key so a postponed item is reminded again for its new date.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "lead_days", "recipient", "due_on"], name="reminder_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "claimed", "sent", "failed", "dropped"]), name="reminder_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=["due", "overdue", "certification"]), name="reminder_kind_valid"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="reminder_sent_has_time"),
        ]
        indexes = [
            # The scan reads only what is still to send: a small index however long the log grows.
            models.Index(
                fields=["recipient", "claimed_at"],
                condition=Q(status__in=["pending", "claimed"]),
                name="reminder_to_send",
            ),
            models.Index(fields=["recipient", "sent_at"], condition=Q(status="sent"), name="reminder_sent_by_recipient"),
            # A sender finds its claim by token; only in-flight rows carry one.
            models.Index(fields=["claim"], condition=Q(claim__isnull=False), name="reminder_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.lead_days} d) for {self.recipient_id}: {self.status}"

