"""People and the coach roster: users and their roles, coaches with their certifications
and supervision, sponsoring organisations, coachees."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

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
        from engagements.models.engagement import Engagement  # which imports this module

        theirs = Engagement.objects.visible_to(user)
        return self.filter(
            Q(pk__in=theirs.values("coach")) | Q(pk__in=Engagement.co_coaches.through.objects.filter(engagement__in=theirs).values("coach"))
        )

    def available(self) -> CoachQuerySet:
        """Active coaches."""
        return self.filter(is_active=True)

    def with_load(self) -> CoachQuerySet:
        """Annotate each coach's open engagements and held-session minutes (one query for a roster)."""
        from engagements.models.engagement import Engagement  # which imports this module

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
        from engagements.models.engagement import Engagement  # which imports this module

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
