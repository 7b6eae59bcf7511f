"""The reminders' sent-log, which makes "exactly once" a database fact."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from engagements.models.people import User

# ---------------------------------------------------------------------------
# Reminders: the sent-log that makes "exactly once" a database fact
# ---------------------------------------------------------------------------


class ReminderQuerySet(models.QuerySet):
    def to_send(self) -> ReminderQuerySet:
        """Reminders not yet settled: pending, or claimed by a sender (served by a partial index)."""
        return self.filter(status__in=Reminder.OPEN_STATUSES)

    def claimable(self, *, now) -> ReminderQuerySet:
        """Reminders a scan may claim now: never tried; claimed longer ago than the lease (no
        sender finished: it crashed); or failed and waited out their backoff, which doubles at
        each attempt (REMINDER_LEASE_SECONDS, REMINDER_RETRY_SECONDS, REMINDER_RETRY_MAX_SECONDS)."""
        lease = timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
        base, most = settings.REMINDER_RETRY_SECONDS, settings.REMINDER_RETRY_MAX_SECONDS
        ready = Q(claimed_at__isnull=True) | Q(status=Reminder.Status.CLAIMED, claimed_at__lt=now - lease)
        attempts = 1
        while base * 2 ** (attempts - 1) < most:
            wait = timedelta(seconds=base * 2 ** (attempts - 1))
            ready |= Q(status=Reminder.Status.PENDING, attempts__lte=attempts, claimed_at__lt=now - wait)
            attempts += 1
        ready |= Q(status=Reminder.Status.PENDING, claimed_at__lt=now - timedelta(seconds=most))
        return self.to_send().filter(ready)


class Reminder(models.Model):
    """One reminder about one subject (action item, milestone, certification), at one lead
    time, for one recipient and one due date; the unique constraint makes it exist once."""

    class Kind(models.TextChoices):
        DUE = "due", gettext_lazy("Coming due")
        OVERDUE = "overdue", gettext_lazy("Overdue")
        CERTIFICATION = "certification", gettext_lazy("Certification expiring")

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        CLAIMED = "claimed", gettext_lazy("Claimed by a sender")
        SENT = "sent", gettext_lazy("Sent")
        FAILED = "failed", gettext_lazy("Failed")
        DROPPED = "dropped", gettext_lazy("Dropped")

    OPEN_STATUSES = (Status.PENDING, Status.CLAIMED)
    OVERDUE_LEAD = 0  # lead days are >= 1 (settings), so 0 marks the one overdue reminder

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=14, choices=Kind)
    lead_days = models.PositiveSmallIntegerField(help_text=gettext_lazy("Days before the due date; 0 for overdue."))
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    claim = models.UUIDField(null=True, blank=True, help_text=gettext_lazy("The token of the scan that claimed it."))
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
