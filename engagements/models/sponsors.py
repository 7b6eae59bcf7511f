"""The sponsor's seat: a person of the client's organisation who signs in to follow that
organisation's engagements read-only, and the coachees' consent to what they see."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy

from engagements.models.engagement import Engagement
from engagements.models.people import Organisation, User


class SponsorQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> SponsorQuerySet:
        """Admins and coaches see every sponsor contact (they name them on engagements); a
        sponsor themself; a coachee those named on their own engagements (whom they consent to)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin or user.role == User.Role.COACH:
            return self.all()
        if user.role == User.Role.SPONSOR:
            return self.filter(user=user)
        theirs = Engagement.objects.visible_to(user)
        return self.filter(pk__in=SponsorSeat.objects.filter(engagement__in=theirs).values("sponsor"))


class Sponsor(models.Model):
    """A person of a sponsoring organisation who signs in to follow its engagements."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="sponsor")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sponsors")
    job_title = models.CharField(max_length=200, blank=True)
    notify_on_report = models.BooleanField(
        gettext_lazy("email me when a report is approved"), default=False,
        help_text=gettext_lazy("An email with the engagement's title and a link, never its content."),
    )
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SponsorQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


class SponsorSeat(models.Model):
    """A sponsor contact named on one of their organisation's engagements."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sponsor_seats")
    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, related_name="seats")
    named_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    named_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["named_at", "id"]
        constraints = [models.UniqueConstraint(fields=["engagement", "sponsor"], name="sponsor_seat_once")]

    def __str__(self) -> str:
        return f"{self.sponsor} on {self.engagement}"


class SponsorConsentQuerySet(models.QuerySet):
    def live(self) -> SponsorConsentQuerySet:
        """Consents given and not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class SponsorConsent(models.Model):
    """A coachee's consent that the engagement's sponsors see its ratings, progress and
    approved report: given on a date, withdrawn on another (the record stays)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sponsor_consents")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SponsorConsentQuerySet.as_manager()

    class Meta:
        ordering = ["given_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "person"], condition=Q(withdrawn_at__isnull=True), name="sponsor_consent_one_live"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="sponsor_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.engagement}: {'withdrawn' if self.withdrawn_at else 'given'}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


def without_consent() -> models.QuerySet:
    """The coachees of the outer engagement (OuterRef "pk") who have no live consent."""
    through = Engagement.coachees.through
    consenting = SponsorConsent.objects.live().filter(engagement_id=OuterRef("engagement_id")).values("person_id")
    return through.objects.filter(engagement_id=OuterRef("pk")).exclude(coachee__user_id__in=consenting)
