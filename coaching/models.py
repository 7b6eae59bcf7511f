"""The project's own rows: the background processes' heartbeats, the failed reminders
already reported to the admins, API tokens, rate-limit counts and private calendar feeds
(the double-submit tokens live in kit)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS

from engagements.models import Reminder, User


class Heartbeat(models.Model):
    """The last sign of life of one kind of background process: one row per process, upserted."""

    class Process(models.TextChoices):
        BEAT = "beat", _("Beat (enqueues the reminder scan)")
        WORKER = "worker", _("Worker (runs the reminder scan)")

    process = models.CharField(max_length=8, choices=Process, primary_key=True)
    seen_at = models.DateTimeField()
    event = models.CharField(max_length=40, help_text=_("What it last did, e.g. 'scan enqueued'."))

    def __str__(self) -> str:
        return f"{self.process}: {self.event} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class FailedReminderReport(models.Model):
    """A failed reminder the admins were emailed about; one row each, so each is reported once."""

    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, related_name="+")
    reported_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"reminder {self.reminder_id} reported at {self.reported_at:%Y-%m-%d %H:%M}"


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApiTokenQuerySet:
        """A person's own tokens: nobody, admins included, lists or revokes anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox): only its hash is stored, it expires, and each
    login makes a new one; `public_id` and `name` let its owner tell them apart."""

    # The key is public_id, not knox's digest: admin URLs and lists then carry nothing
    # derived from the secret.
    public_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(max_length=60, blank=True, help_text=_("What the token is for, e.g. the script's name."))

    objects = AuthTokenManager.from_queryset(ApiTokenQuerySet)()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        # Never the digest: a name and a date are all anyone needs to tell tokens apart.
        return f"{self.name or gettext('API token')} ({self.created:%Y-%m-%d %H:%M})"


class ThrottleHit(models.Model):
    """One request counted against a rate limit (coaching/limits.py): which limit, whose
    key — as a keyed hash, so no address or email is kept here — and when."""

    scope = models.CharField(max_length=40)
    key_digest = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key_digest", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """A person's private calendar feed (coaching/calendar.py): its URL carries `public_id`
    and `secret`; renewing the secret retires the old URL. The secret is kept as it is, so
    its page can show the URL again; the feed compares it in constant time."""

    class Shows(models.TextChoices):
        TITLES = "titles", gettext_lazy("Titles")
        BUSY = "busy", gettext_lazy("Busy only")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    secret = models.CharField(max_length=64)
    shows = models.CharField(max_length=6, choices=Shows, default=Shows.TITLES)
    renewed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shows__in=["titles", "busy"]), name="calendar_feed_shows_valid",
                violation_error_message=gettext_lazy("A feed shows titles, or only when you are busy."),
            ),
        ]

    def __str__(self) -> str:
        # Never the secret: whose feed it is, and since when its address holds.
        return f"calendar feed of {self.user} (address since {self.renewed_at:%Y-%m-%d %H:%M})"
