"""Stages 1 and 2: the audit of the person (or of a team's global functioning) and the
audit of the project: customers, partners, easing and hindering factors."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import (
    RATING_VALIDATORS,
    Engagement,
    EngagementScopedQuerySet,
    User,
    rating_check,
)
from mpc.models.base import choices_check, names, unique

# ---------------------------------------------------------------------------
# Stage 1 — audit of the person, or of the team's global functioning
# ---------------------------------------------------------------------------


class AuditRating(models.Model):
    """One area of the stage 1 audit: where the person (or, in team coaching, the team as it
    works now) stands against what the project requires; the gap follows."""

    class Area(models.TextChoices):
        KNOWLEDGE = "knowledge", _("Knowledge")
        KNOW_HOW = "know_how", _("Know-how")
        BEHAVIOUR = "behaviour", _("Behaviour")
        VALUES = "values", _("Values")
        LIFE_BALANCE = "life_balance", _("Life balance")

    PROFESSIONAL = (Area.KNOWLEDGE, Area.KNOW_HOW, Area.BEHAVIOUR)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="audit_ratings")
    area = models.CharField(max_length=12, choices=Area)
    rating = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS, help_text=_("Where they stand, 0–10."))
    required = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS, help_text=_("What the project needs, 0–10."))
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "id"]
        constraints = [
            unique(
                "engagement", "area", name="mpc_audit_rating_one_per_area",
                message=_("This area is rated already: correct its rating instead."),
            ),
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

    @property
    def is_weak_point(self) -> bool:
        """A gap the personal plan may take up as a weak point to develop."""
        return self.gap > 0


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
    aspect = models.CharField(max_length=120, help_text=_("e.g. communication, decision-making."))
    observation = models.TextField()
    rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING_VALIDATORS)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamObservationQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "member", "id"]
        constraints = [rating_check("rating", nullable=True)]

    def __str__(self) -> str:
        return f"{self.member or gettext('Whole team')}: {self.aspect}"

    @staticmethod
    def unobserved(engagement: Engagement) -> str:
        """The members with no observation of their own yet, named ("" when none)."""
        observed = engagement.team_observations.filter(member__isnull=False).values("member")
        # NOT IN over a column with NULLs matches nothing, hence the filter.
        return names(engagement.coachees.exclude(user__in=observed))


# ---------------------------------------------------------------------------
# Stage 2 — audit of the project
# ---------------------------------------------------------------------------


class Customer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_customers")
    name = models.CharField(max_length=200)
    expectations = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]
        constraints = [
            unique("engagement", "name", name="mpc_customer_unique", message=_("A customer of that name is listed already."))
        ]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_partners")
    name = models.CharField(max_length=200)
    part = models.TextField(help_text=_("The part they take in the project."))
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "name"]
        constraints = [
            unique("engagement", "name", name="mpc_partner_unique", message=_("A partner of that name is listed already."))
        ]

    def __str__(self) -> str:
        return self.name


class Factor(models.Model):
    """Something technical or human that eases or hinders the project, weighted 1–5."""

    class Nature(models.TextChoices):
        TECHNICAL = "technical", _("Technical")
        HUMAN = "human", _("Human")

    class Effect(models.TextChoices):
        EASES = "eases", _("Eases")
        HINDERS = "hinders", _("Hinders")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_factors")
    description = models.CharField(max_length=300)
    nature = models.CharField(max_length=10, choices=Nature)
    effect = models.CharField(max_length=10, choices=Effect)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("Impact, 1 (slight) to 5 (decisive).")
    )
    updated_at = models.DateTimeField(auto_now=True)

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
