"""The engagement report: what the coach hands over at the skills assessment, as a
versioned record the coachee approves (or asks to change) before anyone else reads it."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from engagements.models.engagement import Engagement
from engagements.models.people import User


class EngagementReportQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> EngagementReportQuerySet:
        """The coaches read every version; the coachees every version of theirs (they approve
        them); an admin only approved ones; a sponsor approved ones of the engagements they are
        seated on, while every coachee consents."""
        if not user.is_authenticated:
            return self.none()
        approved = self.filter(status=EngagementReport.Status.APPROVED)
        if user.is_practice_admin:
            return approved
        if user.role == User.Role.SPONSOR:
            return approved.filter(engagement__in=Engagement.objects.sponsored_for(user).filter(consented=True))
        return self.filter(engagement__in=Engagement.objects.visible_to(user))

    def approved(self) -> EngagementReportQuerySet:
        return self.filter(status=EngagementReport.Status.APPROVED)


class EngagementReport(models.Model):
    """One version of an engagement's report. Its content is written once, when the coach
    produces it (a snapshot of objectives, ratings, evaluation, hours, sessions, milestones
    and shared summaries: never private notes, GROW records or unshared summaries); a change
    after that is a new version."""

    class Status(models.TextChoices):
        PRODUCED = "produced", gettext_lazy("Awaiting the client's approval")
        APPROVED = "approved", gettext_lazy("Approved")
        CHANGES_ASKED = "changes_asked", gettext_lazy("Changes asked")
        SUPERSEDED = "superseded", gettext_lazy("Replaced before an answer")

    # A newer version replaces one still awaiting an answer; an answer is final.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PRODUCED: (Status.APPROVED, Status.CHANGES_ASKED, Status.SUPERSEDED),
        Status.APPROVED: (),
        Status.CHANGES_ASKED: (),
        Status.SUPERSEDED: (),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=14, choices=Status, default=Status.PRODUCED)
    content = models.JSONField(help_text=gettext_lazy("The report as produced; never changed afterwards."))
    produced_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    produced_at = models.DateTimeField()
    approved_by = models.ManyToManyField(User, blank=True, related_name="+", help_text=gettext_lazy("The coachees who approved it."))
    decided_at = models.DateTimeField(null=True, blank=True)
    changes_asked = models.TextField(blank=True, help_text=gettext_lazy("What the coachee asked to change, in their words."))

    objects = EngagementReportQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "version"], name="engagement_report_version_once"),
            models.UniqueConstraint(
                fields=["engagement"], condition=Q(status="produced"), name="engagement_report_one_awaiting"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="engagement_report_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["produced", "approved", "changes_asked", "superseded"]),
                name="engagement_report_status_valid",
            ),
            # An answer has its date; a report awaiting one has none.
            models.CheckConstraint(
                condition=Q(status__in=["approved", "changes_asked"], decided_at__isnull=False)
                | ~Q(status__in=["approved", "changes_asked"]) & Q(decided_at__isnull=True),
                name="engagement_report_answer_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Report v{self.version} — {self.engagement}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
