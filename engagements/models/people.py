"""People and the coach roster: users and their roles, coaches with their certifications
and supervision, sponsoring organisations, coachees."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------
# People and roster
# ---------------------------------------------------------------------------


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", gettext_lazy("Admin")
        COACH = "coach", gettext_lazy("Coach")
        COACHEE = "coachee", gettext_lazy("Coachee")
        SPONSOR = "sponsor", pgettext_lazy("role", "Sponsor")

    class ReminderMode(models.TextChoices):
        DIGEST = "digest", gettext_lazy("One daily digest")
        IMMEDIATE = "immediate", gettext_lazy("Each reminder at once")
        OFF = "off", gettext_lazy("No reminder emails")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=10, choices=Role, default=Role.COACHEE)
    time_zone = models.CharField(max_length=64, default="UTC")
    reminder_mode = models.CharField(max_length=10, choices=ReminderMode, default=ReminderMode.DIGEST)
    # Blank: follow the browser (Accept-Language). kit/languages.py makes the choice count.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True, default="")
    # Bumped whenever one of the person's two-factor devices is saved or deleted: a session
    # that passed the second step against the same stamp needs no device query per request.
    two_factor_stamp = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["admin", "coach", "coachee", "sponsor"]), name="user_role_with_sponsor_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["", *(code for code, _ in settings.LANGUAGES)]),
                name="user_language_spoken",
                violation_error_message=_("Choose a language Tandem speaks: English or French, or follow your browser."),
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
        if user.role == User.Role.SPONSOR:
            return self.none()  # a sponsor reads the coach's name on the engagement, no roster facts
        from engagements.models.engagement import (
            Engagement,  # which imports this module
        )

        theirs = Engagement.objects.visible_to(user)
        return self.filter(
            Q(pk__in=theirs.values("coach")) | Q(pk__in=Engagement.co_coaches.through.objects.filter(engagement__in=theirs).values("coach"))
        )

    def available(self) -> CoachQuerySet:
        """Active coaches."""
        return self.filter(is_active=True)

    def with_load(self) -> CoachQuerySet:
        """Annotate each coach's open engagements and held-session minutes (one query for a roster)."""
        from engagements.models.engagement import (
            Engagement,  # which imports this module
        )

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


    def with_hours_between(self, start: date, end: date) -> CoachQuerySet:
        """Annotate each coach's coaching minutes (sessions they held) and supervision hours
        (confirmed, and still awaiting confirmation) from `start` to `end`, both included."""
        held = (
            User.objects.filter(
                pk=models.OuterRef("user_id"), sessions_held__status="held",
                sessions_held__held_at__date__gte=start, sessions_held__held_at__date__lte=end,
            ).order_by().values("pk").annotate(m=Sum("sessions_held__duration_minutes")).values("m")
        )

        def supervision(*, confirmed: bool):
            return (
                SupervisionEntry.objects.filter(
                    coach=models.OuterRef("pk"), held_on__gte=start, held_on__lte=end, confirmed_at__isnull=not confirmed
                ).order_by().values("coach").annotate(h=Sum("hours")).values("h")
            )

        zero = Decimal("0")
        return self.annotate(
            coaching_minutes=Coalesce(models.Subquery(held), 0),
            supervision_hours=Coalesce(models.Subquery(supervision(confirmed=True)), zero, output_field=models.DecimalField()),
            supervision_pending=Coalesce(models.Subquery(supervision(confirmed=False)), zero, output_field=models.DecimalField()),
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
        default=8, help_text=gettext_lazy("How many open engagements this coach can carry.")
    )
    is_active = models.BooleanField(default=True)
    joined_on = models.DateField(default=date.today)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("id")), name="coach_not_own_supervisor",
                violation_error_message=gettext_lazy("Nobody supervises themself."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0), name="coach_capacity_not_negative",
                violation_error_message=gettext_lazy("A capacity cannot be negative."),
            ),
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
    def coaching_hours(self) -> Decimal:
        """Coaching hours in the period `with_hours_between` annotated."""
        return (Decimal(self.coaching_minutes) / 60).quantize(Decimal("0.01"))

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

    def valid_on(self, day: date) -> CertificationQuerySet:
        """Certifications in force on `day`: not expired, not revoked."""
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day)).filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
        )

    def expiring_within(self, *, days: int, today: date) -> CertificationQuerySet:
        """Certifications that lapse in the next `days` days (not already lapsed, nor revoked)."""
        return self.filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=days), revoked_on__isnull=True
        )


class Certification(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="certifications")
    body = models.CharField(max_length=120, help_text=gettext_lazy("Certifying body, e.g. ICF, EMCC."))
    level = models.CharField(max_length=60, help_text=gettext_lazy("e.g. ACC, PCC, MCC."))
    number = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    revoked_on = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("The day the certifying body withdrew it (kept for the record).")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "body", "level"], name="certification_unique",
                violation_error_message=gettext_lazy("This coach already holds a certification of that body and level."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
                violation_error_message=gettext_lazy("A certification expires after the day it was issued."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.level}"

    def is_valid_on(self, day: date) -> bool:
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        return self.expires_on is None or self.expires_on >= day


class SupervisionEntryQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> SupervisionEntryQuerySet:
        """The supervision log: admins all of it, a coach their own entries and those of
        the coaches they supervise; coachees none."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        if user.role == User.Role.COACH:
            return self.filter(Q(coach__user=user) | Q(supervisor__user=user))
        return self.none()

    def confirmed(self) -> SupervisionEntryQuerySet:
        return self.filter(confirmed_at__isnull=False)


class SupervisionEntry(models.Model):
    """A supervision meeting: roster facts only, never client content. The coach logs it;
    their supervisor confirms it (an entry the supervisor logs is confirmed at once)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="supervision_log")
    supervisor = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="supervision_given")
    held_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    topics = models.CharField(max_length=255, blank=True, help_text=gettext_lazy("Themes only, never a client's name or story."))
    logged_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupervisionEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name_plural = gettext_lazy("supervision entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0), name="supervision_hours_positive",
                violation_error_message=gettext_lazy("A supervision meeting lasts more than zero hours."),
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("coach")), name="supervision_not_own_supervisor",
                violation_error_message=gettext_lazy("Nobody supervises themself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coach} with {self.supervisor}, {self.held_on}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> OrganisationQuerySet:
        """Admins and coaches see every sponsor; a coachee and a sponsor contact their own organisation."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin or user.role == User.Role.COACH:
            return self.all()
        if user.role == User.Role.SPONSOR:
            return self.filter(sponsors__user=user)
        return self.filter(coachees__user=user)


class Organisation(models.Model):
    """A sponsor: the company that pays for an engagement."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CoacheeQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CoacheeQuerySet:
        """Admins see every client; a coach the clients they registered and those of the
        engagements they coach (a returning client included); a coachee themself and the
        members of their own team engagements."""
        if not user.is_authenticated:
            return self.none()
        if user.is_practice_admin:
            return self.all()
        if user.role == User.Role.SPONSOR:
            return self.none()  # the sponsor's view names the coachees; the client records stay closed
        from engagements.models.engagement import (
            Engagement,  # which imports this module
        )

        theirs = Engagement.objects.visible_to(user)
        in_theirs = Q(user=user) | Q(pk__in=Engagement.coachees.through.objects.filter(engagement__in=theirs).values("coachee"))
        if user.role == User.Role.COACH:
            return self.filter(in_theirs | Q(added_by=user))
        return self.filter(in_theirs)

    def matching(self, text: str) -> CoacheeQuerySet:
        """The clients whose first or last name, email or organisation holds `text` (any case):
        the new-engagement page's finder and the API's `?search=`."""
        if not (text := text.strip()):
            return self
        return self.filter(
            Q(user__first_name__icontains=text) | Q(user__last_name__icontains=text)
            | Q(user__email__icontains=text) | Q(organisation__name__icontains=text)
        )


class Coachee(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="coachee")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="coachees"
    )
    job_title = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=gettext_lazy("Who registered the client: a coach keeps seeing the clients they added."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoacheeQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)
