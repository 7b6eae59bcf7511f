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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from engagements.models.people import Coach, Coachee, Organisation, User

RATING_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def rating_check(field: str, *, nullable: bool = False) -> models.CheckConstraint:
    """A database check that a 0–10 rating stays in range."""
    in_range = Q(**{f"{field}__gte": 0, f"{field}__lte": 10})
    if nullable:
        in_range |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        condition=in_range, name=f"%(app_label)s_%(class)s_{field}_0_10", violation_error_message=gettext_lazy("A rating runs from 0 to 10.")
    )


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
        if user.role == User.Role.SPONSOR:
            # A sponsor reads no engagement's content: only what `sponsored_for` shapes for them.
            return self.none()
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

    def sponsored_for(self, user: User) -> EngagementQuerySet:
        """The engagements `user` holds a sponsor's seat on, of their own organisation (a seat
        left behind by a change of sponsor gives nothing), annotated with `consented`: whether
        every coachee consents to the sponsors seeing ratings, progress and the approved report."""
        if not (user.is_authenticated and user.role == User.Role.SPONSOR):
            return self.none()
        from engagements.models.sponsors import SponsorSeat  # which imports this module

        seats = SponsorSeat.objects.filter(sponsor__user=user, engagement__organisation=F("sponsor__organisation"))
        return self.filter(pk__in=seats.values("engagement")).annotate_consent()

    def annotate_consent(self) -> EngagementQuerySet:
        """Annotate `consented`: whether every coachee consents that the sponsors see the
        ratings, progress and approved report (a consent withdrawn counts no more)."""
        from engagements.models.sponsors import (
            without_consent,  # which imports this module
        )

        return self.annotate(consented=~models.Exists(without_consent()))

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


# An engagement's states inside a sentence: in English their codes, as they always read;
# translated, the state's words.
IN_A_SENTENCE = {
    "exploratory": pgettext_lazy("an engagement's state in a sentence", "exploratory"),
    "active": pgettext_lazy("an engagement's state in a sentence", "active"),
    "paused": pgettext_lazy("an engagement's state in a sentence", "paused"),
    "assessment": pgettext_lazy("an engagement's state in a sentence", "assessment"),
    "closed": pgettext_lazy("an engagement's state in a sentence", "closed"),
    "declined": pgettext_lazy("an engagement's state in a sentence", "declined"),
    "cancelled": pgettext_lazy("an engagement's state in a sentence", "cancelled"),
}


class Engagement(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", gettext_lazy("Individual coaching")
        TEAM = "team", gettext_lazy("Team coaching")

    class State(models.TextChoices):
        EXPLORATORY = "exploratory", gettext_lazy("Exploratory")
        ACTIVE = "active", gettext_lazy("Active")
        PAUSED = "paused", gettext_lazy("Paused")
        ASSESSMENT = "assessment", gettext_lazy("Skills assessment")
        CLOSED = "closed", gettext_lazy("Closed")
        DECLINED = "declined", gettext_lazy("Declined")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", gettext_lazy("In person")
        REMOTE = "remote", gettext_lazy("Remote")
        HYBRID = "hybrid", gettext_lazy("Hybrid")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", gettext_lazy("Weekly")
        FORTNIGHTLY = "fortnightly", gettext_lazy("Every two weeks")
        MONTHLY = "monthly", gettext_lazy("Monthly")
        AD_HOC = "ad_hoc", gettext_lazy("As agreed")

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
        gettext_lazy("runs the MPC method"), default=False, help_text=gettext_lazy("Management through Professional Coaching.")
    )
    coach = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="engagements")
    co_coaches = models.ManyToManyField(Coach, blank=True, related_name="co_engagements")
    coachees = models.ManyToManyField(Coachee, related_name="engagements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="engagements"
    )
    opened_on = models.DateField(default=date.today)

    # Terms, set by the coach in the exploratory session.
    coaching_type = models.CharField(max_length=120, blank=True, help_text=gettext_lazy("e.g. executive, career."))
    planned_hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    session_frequency = models.CharField(max_length=12, choices=Frequency, blank=True)
    format = models.CharField(max_length=10, choices=Format, blank=True)
    location = models.CharField(max_length=200, blank=True)
    budget_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(
        max_length=3, blank=True, validators=[RegexValidator(r"^[A-Z]{3}$", gettext_lazy("Use an ISO code like EUR."))]
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
                violation_error_message=gettext_lazy("Planned hours are more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="engagement_budget_not_negative",
                violation_error_message=gettext_lazy("A budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(format__in=["", "in_person", "remote", "hybrid"]), name="engagement_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(budget_currency="")
                | Q(Exact(Length("budget_currency"), 3), Exact(F("budget_currency"), Upper("budget_currency"))),
                name="engagement_currency_iso",
                violation_error_message=gettext_lazy("Write the currency as its three-letter code, e.g. EUR."),
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
                (_("coaching type"), self.coaching_type),
                (_("planned hours"), self.planned_hours),
                (_("session frequency"), self.session_frequency),
                (_("format"), self.format),
                (_("budget amount"), self.budget_amount),
                (_("budget currency"), self.budget_currency),
            ]
            if value in (None, "")
        ]
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.location:
            missing.append(_("location"))
        return missing

    @property
    def has_exploratory(self) -> bool:
        """Whether the exploratory session is recorded (read from a select_related if loaded)."""
        try:
            self.exploratory
        except ExploratorySession.DoesNotExist:
            return False
        return True

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
            words = {"from": IN_A_SENTENCE.get(self.state, self.state), "to": IN_A_SENTENCE.get(state, state)}
            return [("transition_not_allowed", _("an engagement cannot go from %(from)s to %(to)s") % words)]
        rules: list[tuple[str, str]] = []
        if self.state == self.State.EXPLORATORY and state == self.State.ACTIVE:
            if not self.has_exploratory:
                rules.append(("no_exploratory", _("the exploratory session is not recorded yet")))
            if not self.objectives.exists():
                rules.append(("no_objective", _("no objective yet")))
            if missing := self.missing_terms:
                rules.append(("incomplete_terms", _("terms incomplete: %(terms)s missing") % {"terms": ", ".join(missing)}))
            if not self.coachees.exists():
                rules.append(("no_coachee", _("no coachee yet")))
        if state == self.State.CLOSED:
            rules += self.assessment_gaps()
        return rules

    def assessment_gaps(self) -> list[tuple[str, str]]:
        """What the skills assessment still lacks, as (code, message) pairs: an objective not
        evaluated, the written evaluation."""
        gaps: list[tuple[str, str]] = []
        pending = [o.statement for o in self.objectives.all() if not o.is_evaluated]
        if pending:
            gaps.append(("objectives_not_evaluated", _("objective not evaluated: %(objectives)s") % {"objectives": "; ".join(pending)}))
        if not self.evaluation.strip():
            gaps.append(("no_evaluation", _("no written evaluation of the client's evolution yet")))
        return gaps


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


# What each audited act is called in the history people read (the code stays the API's).
ACTION_WORDS = {
    "engagement.opened": gettext_lazy("Opened the engagement"),
    "engagement.viewed": gettext_lazy("Read the engagement"),
    "engagement.transition": gettext_lazy("Moved the engagement"),
    "engagement.terms_set": gettext_lazy("Set the terms"),
    "engagement.revised": gettext_lazy("Corrected the details"),
    "engagement.coach_assigned": gettext_lazy("Changed the lead coach"),
    "engagement.co_coach_added": gettext_lazy("Named a co-coach"),
    "engagement.co_coach_removed": gettext_lazy("Took a co-coach off"),
    "engagement.purged": gettext_lazy("Purged the engagement"),
    "exploratory.recorded": gettext_lazy("Recorded the exploratory session"),
    "exploratory.revised": gettext_lazy("Corrected the exploratory session"),
    "objective.added": gettext_lazy("Added an objective"),
    "objective.revised": gettext_lazy("Corrected an objective"),
    "objective.withdrawn": gettext_lazy("Withdrew an objective"),
    "objective.evaluated": gettext_lazy("Evaluated an objective"),
    "objective.self_rated": gettext_lazy("Rated themself on an objective"),
    "assessment.written": gettext_lazy("Wrote the evaluation"),
    "action_item.added": gettext_lazy("Added an action"),
    "action_item.revised": gettext_lazy("Corrected an action"),
    "action_item.withdrawn": gettext_lazy("Deleted an action"),
    "action_item.progress": gettext_lazy("Updated an action's progress"),
    "session.scheduled": gettext_lazy("Scheduled a session"),
    "session.rescheduled": gettext_lazy("Rescheduled a session"),
    "session.held": gettext_lazy("Recorded a session as held"),
    "session.called_off": gettext_lazy("Called off a session"),
    "session.updated": gettext_lazy("Amended a session's record"),
    "session.note_written": gettext_lazy("Kept a private note"),
    "mpc.started": gettext_lazy("Laid out the MPC stages"),
    "mpc.stage_moved": gettext_lazy("Moved an MPC stage"),
    "mpc.stage_reviewed": gettext_lazy("Confirmed a stage's review"),
    "coachee.exported": gettext_lazy("Exported a client's data"),
    "coachee.erased": gettext_lazy("Erased a client"),
    # Acts that read as their code does, listed so they can be translated.
    "certification.recorded": gettext_lazy("Certification recorded"),
    "certification.revised": gettext_lazy("Certification revised"),
    "certification.revoked": gettext_lazy("Certification revoked"),
    "certification.withdrawn": gettext_lazy("Certification withdrawn"),
    "coach.revised": gettext_lazy("Coach revised"),
    "coachee.revised": gettext_lazy("Coachee revised"),
    "mpc.check_in_recorded": gettext_lazy("Check in recorded"),
    "mpc.customer_added": gettext_lazy("Customer added"),
    "mpc.factor_added": gettext_lazy("Factor added"),
    "mpc.flow_added": gettext_lazy("Flow added"),
    "mpc.goal_added": gettext_lazy("Goal added"),
    "mpc.indicator_added": gettext_lazy("Indicator added"),
    "mpc.indicator_read": gettext_lazy("Indicator read"),
    "mpc.milestone_added": gettext_lazy("Milestone added"),
    "mpc.milestone_progress": gettext_lazy("Milestone progress"),
    "mpc.mission_defined": gettext_lazy("Mission defined"),
    "mpc.mission_moved": gettext_lazy("Mission moved"),
    "mpc.partner_added": gettext_lazy("Partner added"),
    "mpc.person_rated": gettext_lazy("Person rated"),
    "mpc.resource_added": gettext_lazy("Resource added"),
    "mpc.role_assigned": gettext_lazy("Role assigned"),
    "mpc.team_observed": gettext_lazy("Team observed"),
    "objective.progress_rated": gettext_lazy("Objective progress rated"),
    "organisation.revised": gettext_lazy("Organisation revised"),
    "organisation.withdrawn": gettext_lazy("Organisation withdrawn"),
    "report.approved": gettext_lazy("Report approved"),
    "report.approved_by_member": gettext_lazy("Report approved by member"),
    "report.changes_asked": gettext_lazy("Report changes asked"),
    "report.produced": gettext_lazy("Report produced"),
    "sponsor.added": gettext_lazy("Sponsor added"),
    "sponsor.named": gettext_lazy("Sponsor named"),
    "sponsor.revised": gettext_lazy("Sponsor revised"),
    "sponsor.unnamed": gettext_lazy("Sponsor unnamed"),
    "sponsor.withdrawn": gettext_lazy("Sponsor withdrawn"),
    "sponsor_consent.given": gettext_lazy("Sponsor consent given"),
    "sponsor_consent.withdrawn": gettext_lazy("Sponsor consent withdrawn"),
}


def humanise(code: str) -> str:
    """A stored code as words: "in_progress" → "In progress"."""
    words = code.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# The states an act moved something between, as the history shows them (their codes in
# words, translatable; a code not listed reads as itself).
STATE_WORDS = {
    "exploratory": pgettext_lazy("a state in the history", "Exploratory"),
    "active": pgettext_lazy("a state in the history", "Active"),
    "paused": pgettext_lazy("a state in the history", "Paused"),
    "assessment": pgettext_lazy("a state in the history", "Assessment"),
    "closed": pgettext_lazy("a state in the history", "Closed"),
    "declined": pgettext_lazy("a state in the history", "Declined"),
    "cancelled": pgettext_lazy("a state in the history", "Cancelled"),
    "todo": pgettext_lazy("a state in the history", "Todo"),
    "in_progress": pgettext_lazy("a state in the history", "In progress"),
    "done": pgettext_lazy("a state in the history", "Done"),
    "dropped": pgettext_lazy("a state in the history", "Dropped"),
    "produced": pgettext_lazy("a state in the history", "Produced"),
    "approved": pgettext_lazy("a state in the history", "Approved"),
    "changes_asked": pgettext_lazy("a state in the history", "Changes asked"),
    "superseded": pgettext_lazy("a state in the history", "Superseded"),
    "scheduled": pgettext_lazy("a state in the history", "Scheduled"),
    "held": pgettext_lazy("a state in the history", "Held"),
    "no_show": pgettext_lazy("a state in the history", "No show"),
    "start": pgettext_lazy("a state in the history", "Start"),
    "final": pgettext_lazy("a state in the history", "Final"),
    "given": pgettext_lazy("a state in the history", "Given"),
    "withdrawn": pgettext_lazy("a state in the history", "Withdrawn"),
    "complete": pgettext_lazy("a state in the history", "Complete"),
    "under_way": pgettext_lazy("a state in the history", "Under way"),
    "not_started": pgettext_lazy("a state in the history", "Not started"),
    "pending": pgettext_lazy("a state in the history", "Pending"),
    "reached": pgettext_lazy("a state in the history", "Reached"),
}


def state_word(code: str) -> str:
    """A stored state in words, in the reader's language: "in_progress" → "In progress"."""
    return str(STATE_WORDS.get(code) or humanise(code))


class EngagementEvent(models.Model):
    """An audited act on an engagement — who did what, when, from where; from which
    state to which. Never the content itself. Kept when the engagement is purged."""

    class Channel(models.TextChoices):
        PAGE = "page", gettext_lazy("Web page")
        API = "api", gettext_lazy("API")
        ADMIN = "admin", gettext_lazy("Django admin")
        SYSTEM = "system", gettext_lazy("System")

    engagement = models.ForeignKey(Engagement, on_delete=models.SET_NULL, null=True, related_name="events")
    engagement_ref = models.UUIDField(
        help_text=gettext_lazy(
            "The public id of the engagement acted on (kept after a purge), or of the roster row for a roster act."
        )
    )
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60, help_text=gettext_lazy("e.g. engagement.transition, session.held"))
    subject = models.CharField(max_length=200, blank=True, help_text=gettext_lazy("What was acted on (never content)."))
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True, help_text=gettext_lazy("Why, in the actor's words (a reschedule, a cancellation)."))
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=8, choices=Channel, default=Channel.SYSTEM)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = EngagementEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["engagement", "actor", "action", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"

    @property
    def description(self) -> str:
        """What was done, in words (an MPC act without its own words reads from its code)."""
        return str(ACTION_WORDS.get(self.action) or humanise(self.action.removeprefix("mpc.")))

    @property
    def change(self) -> str:
        """From which state to which, in words, or nothing."""
        if not self.to_state:
            return ""
        return f"{state_word(self.from_state) or '·'} → {state_word(self.to_state)}"


class ExploratorySession(models.Model):
    """The first meeting that lays the relationship; one per engagement."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="exploratory")
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    summary = models.TextField(blank=True, help_text=gettext_lazy("Shared with the coachee once marked shared."))
    summary_shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=600),
                name="exploratory_duration_range",
                violation_error_message=gettext_lazy("A session lasts from 1 to 600 minutes."),
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
        ACHIEVED = "achieved", gettext_lazy("Achieved")
        PARTLY = "partly", gettext_lazy("Partly achieved")
        NOT_ACHIEVED = "not_achieved", gettext_lazy("Not achieved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="objectives")
    statement = models.CharField(max_length=300)
    success_measure = models.CharField(max_length=300)
    baseline_rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    final_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING_VALIDATORS)
    outcome = models.CharField(max_length=14, choices=Outcome, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

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
                violation_error_message=gettext_lazy(
                    "An objective is evaluated with both a final rating and whether it was achieved."
                ),
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


class SelfRatingQuerySet(EngagementScopedQuerySet):
    engagement_path = "objective__engagement"

    def visible_to(self, user: User) -> SelfRatingQuerySet:
        """The coaches see every member's own ratings; a coachee only their own."""
        visible = super().visible_to(user)
        if user.is_authenticated and user.role == User.Role.COACHEE:
            visible = visible.filter(person=user)
        return visible


class SelfRating(models.Model):
    """Where a coachee rates themself on an objective: at the start, and at the skills
    assessment; shown beside the coach's rating."""

    class Moment(models.TextChoices):
        START = "start", gettext_lazy("At the start")
        FINAL = "final", gettext_lazy("At the assessment")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="self_ratings")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(max_length=5, choices=Moment)
    rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SelfRatingQuerySet.as_manager()

    class Meta:
        ordering = ["objective", "person", "moment"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "person", "moment"], name="self_rating_one_per_moment"),
            rating_check("rating"),
            models.CheckConstraint(condition=Q(moment__in=["start", "final"]), name="self_rating_moment_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.objective}: {self.rating}/10 ({self.get_moment_display().lower()})"


class ProgressRatingQuerySet(EngagementScopedQuerySet):
    engagement_path = "objective__engagement"

    def visible_to(self, user: User) -> ProgressRatingQuerySet:
        """As the engagement; a coachee reads the coaches' ratings and their own, not another
        team member's."""
        visible = super().visible_to(user)
        if user.is_authenticated and user.role == User.Role.COACHEE:
            visible = visible.filter(Q(person=user) | ~Q(person__role=User.Role.COACHEE))
        return visible


class ProgressRating(models.Model):
    """Where a client stands on an objective along the way, between the baseline and the
    final rating: rated by the coach, or by the coachee themself; one a person a day."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="progress_ratings")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    rated_on = models.DateField()
    rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgressRatingQuerySet.as_manager()

    class Meta:
        ordering = ["objective", "rated_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "person", "rated_on"], name="progress_rating_one_a_day"),
            rating_check("rating"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.objective}, {self.rated_on}: {self.rating}/10"

    @property
    def by_coachee(self) -> bool:
        return self.person.role == User.Role.COACHEE
