"""Coaching sessions that follow GROW: Goal, Reality, Options, Will."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import ActionItem, Engagement, EngagementScopedQuerySet, User


class CoachingSessionQuerySet(EngagementScopedQuerySet):
    """Sessions are visible with their engagement (their private notes have their own gate)."""

    def held(self) -> CoachingSessionQuerySet:
        return self.filter(status=CoachingSession.Status.HELD)


class CoachingSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.SCHEDULED: (Status.HELD, Status.CANCELLED, Status.NO_SHOW),
        Status.HELD: (),
        Status.CANCELLED: (),
        Status.NO_SHOW: (),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="coaching_sessions")
    number = models.PositiveSmallIntegerField()
    scheduled_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    held_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions_held"
    )

    # G — review of the previous session, and today's goals.
    goal_review = models.TextField(_("review of the previous session"), blank=True)
    goal_today = models.TextField(_("today's goals"), blank=True)
    # R — the questions asked and what the client now sees more clearly.
    reality_questions = models.TextField(_("questions asked"), blank=True)
    reality_insights = models.TextField(_("what the client sees more clearly"), blank=True)
    # O — options, exercises and tools explored; strategies discussed.
    options_explored = models.TextField(_("options, exercises and tools explored"), blank=True)
    options_strategies = models.TextField(_("strategies discussed"), blank=True)
    # W — the actions agreed (they live on the action plan) and the client's commitment.
    agreed_items = models.ManyToManyField(ActionItem, blank=True, related_name="agreed_in_sessions")
    commitment = models.PositiveSmallIntegerField(
        _("client's commitment (1–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    # The invitation's SEQUENCE (RFC 5545): raised each time the session moves or is called
    # off, so the calendars that hold its invitation replace it with the newer one.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    summary = models.TextField(blank=True, help_text=_("Shared with the coachee once marked shared."))
    summary_shared = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "number"]
        # The week's sessions on a dashboard and the API's scheduled_after/before: a range of
        # days among every session of the practice.
        indexes = [models.Index(fields=["scheduled_at"], name="coaching_session_scheduled_at")]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "number"], name="coaching_session_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="coaching_session_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "held", "cancelled", "no_show"]),
                name="coaching_session_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(commitment__isnull=True) | Q(commitment__gte=1) & Q(commitment__lte=10),
                name="coaching_session_commitment_1_10",
                violation_error_message=_("The client's commitment runs from 1 to 10."),
            ),
            # Held sessions count against planned hours, so they must say how long they took.
            models.CheckConstraint(
                # isnull=False spelled out: a NULL duration would make the check unknown, which passes.
                condition=~Q(status="held")
                | Q(duration_minutes__isnull=False, duration_minutes__gt=0, duration_minutes__lte=600)
                & Q(held_at__isnull=False),
                name="coaching_session_held_has_duration",
                violation_error_message=_("A held session says how long it lasted (1 to 600 minutes)."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Session %(number)s — %(engagement)s") % {"number": self.number, "engagement": self.engagement}

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def previous(self) -> CoachingSession | None:
        return (
            CoachingSession.objects.filter(engagement_id=self.engagement_id, number__lt=self.number)
            .held()
            .order_by("-number")
            .first()
        )

    def previous_actions(self) -> list[ActionItem]:
        """The Goal stage's review: what the previous held session agreed, done or not."""
        previous = self.previous
        return list(previous.agreed_items.all()) if previous else []


class PrivateNoteQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> PrivateNoteQuerySet:
        """A private note is its author's alone: no admin, supervisor or co-coach reads it."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(author=user)


class PrivateNote(models.Model):
    """A coach's private notes on a session. Deliberately absent from Django admin."""

    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="private_note_one_per_author"),
        ]
