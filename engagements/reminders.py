"""Reminders: find what is coming due, claim it, email it — each reminder exactly once.

Each app contributes its candidates through a small registry (action items and
certifications here; milestones in `mpc/reminders.py`, registered from `MpcConfig.ready()`,
so engagements never imports mpc). A scan plans one `Reminder` row per (subject, lead
time, recipient, due date) — the unique constraint makes it exist once — claims what may go
out now with a conditional UPDATE, and hands each claim to a sender after the claim commits.
The sender re-checks the subject, sends one email, then records `sent_at`.
docs/reminders.md explains the design and its one duplicate window.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from engagements.models import ActionItem, Certification, Engagement, Reminder, User

logger = logging.getLogger(__name__)

# A claim older than this is presumed dead (its sender crashed) and may be claimed again;
# it is also the wait before a failed attempt is retried. Far above an SMTP timeout (30 s).
LEASE = timedelta(minutes=15)
# An item that fell overdue up to a week ago gets its one overdue reminder; older ones are
# not chased (and the scan's date window stays bounded however old the data).
OVERDUE_LOOKBACK_DAYS = 7
CERTIFICATION_LEAD_DAYS = 60
# Paused, closed, declined and cancelled engagements remind no one.
REMINDING_STATES = (Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, Engagement.State.ASSESSMENT)


# ---------------------------------------------------------------------------
# Sources and their registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Something that may need a reminder: its title, due date, and whom to remind with
    the page each person's link opens (a path). Titles and dates only: never content."""

    subject: models.Model
    title: str
    due_on: date | None
    recipients: tuple[tuple[User, str], ...]
    context: str = ""


@dataclass(frozen=True)
class Source:
    """One model's candidates: `find(due_from=, due_to=)` for a date window, `find(ids=)` to
    re-read given subjects at send time (still pending ones only)."""

    model: type[models.Model]
    find: Callable[..., Iterable[Candidate]]
    kind: str = Reminder.Kind.DUE
    lead_days: tuple[int, ...] | None = None  # None: settings.REMINDER_LEAD_DAYS
    remind_overdue: bool = True

    @property
    def leads(self) -> tuple[int, ...]:
        return self.lead_days or settings.REMINDER_LEAD_DAYS


SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    """Add (or replace) the reminder source of one model."""
    SOURCES[source.model._meta.label_lower] = source


def source_for(content_type: ContentType) -> Source | None:
    return SOURCES.get(f"{content_type.app_label}.{content_type.model}")


def people_to_remind(
    *, owner: User | None, coach: User, coachee_path: str, coach_path: str
) -> tuple[tuple[User, str], ...]:
    """An item's owner and its engagement's coach (one person when the same), each with the
    page their link opens; no owner means no one (the item is skipped and logged)."""
    if owner is None:
        return ()
    people = {owner.pk: owner, coach.pk: coach}
    return tuple(
        (person, coachee_path if person.role == User.Role.COACHEE else coach_path)
        for person in people.values()
        if person.is_active and person.email
    )


def find_action_items(
    *, due_from: date | None = None, due_to: date | None = None, ids: Collection[int] | None = None
) -> Iterable[Candidate]:
    """Pending action items of reminding engagements, by due-date window or by id."""
    items = (
        ActionItem.objects.pending()
        .filter(plan__engagement__state__in=REMINDING_STATES)
        .select_related("owner", "plan__engagement__coach__user")
        .order_by()
    )
    items = items.filter(pk__in=ids) if ids is not None else items.filter(due_on__gte=due_from, due_on__lte=due_to)
    portal = reverse("portal")
    for item in items:
        engagement = item.plan.engagement
        yield Candidate(
            subject=item,
            title=item.title,
            due_on=item.due_on,
            context=engagement.title,
            recipients=people_to_remind(
                owner=item.owner,
                coach=engagement.coach.user,
                coachee_path=portal,
                coach_path=reverse("engagements:detail", args=[engagement.public_id]),
            ),
        )


def find_certifications(
    *, due_from: date | None = None, due_to: date | None = None, ids: Collection[int] | None = None
) -> Iterable[Candidate]:
    """Certifications of active coaches, by expiry window or by id; every practice admin is told."""
    certifications = Certification.objects.filter(coach__is_active=True, expires_on__isnull=False).select_related(
        "coach__user"
    )
    if ids is not None:
        certifications = certifications.filter(pk__in=ids)
    else:
        certifications = certifications.filter(expires_on__gte=due_from, expires_on__lte=due_to)
    certifications = list(certifications.order_by())
    if not certifications:
        return
    admins = list(
        User.objects.filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(email="")
    )
    for certification in certifications:
        path = reverse("engagements:coach", args=[certification.coach.public_id])
        yield Candidate(
            subject=certification,
            title=f"{certification.coach}: {certification.body} {certification.level} certification",
            due_on=certification.expires_on,
            context="Coach roster",
            recipients=tuple((admin, path) for admin in admins),
        )


def register_engagement_sources() -> None:
    """Register this app's sources (called from EngagementsConfig.ready())."""
    register_source(Source(model=ActionItem, find=find_action_items))
    register_source(
        Source(
            model=Certification,
            find=find_certifications,
            kind=Reminder.Kind.CERTIFICATION,
            lead_days=(CERTIFICATION_LEAD_DAYS,),
            remind_overdue=False,
        )
    )


# ---------------------------------------------------------------------------
# Time: each person's own zone decides "tomorrow" and the digest hour
# ---------------------------------------------------------------------------


def local_now(person: User, now: datetime) -> datetime:
    """`now` in the person's time zone (the practice's if theirs is unknown)."""
    try:
        zone = ZoneInfo(person.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(settings.TIME_ZONE)
    return now.astimezone(zone)


def stage_of(source: Source, *, due_on: date, today: date) -> tuple[str, int] | None:
    """Which reminder is due for an item due on `due_on`, seen on `today`: the most urgent lead
    time reached (so an item created late gets one reminder, not every one it missed)."""
    days = (due_on - today).days
    if days < 0:
        overdue = source.remind_overdue and -days <= OVERDUE_LOOKBACK_DAYS
        return (Reminder.Kind.OVERDUE, Reminder.OVERDUE_LEAD) if overdue else None
    reached = [lead for lead in source.leads if days <= lead]
    return (source.kind, min(reached)) if reached else None


# ---------------------------------------------------------------------------
# Planning and claiming
# ---------------------------------------------------------------------------


def _usable(candidate: Candidate) -> bool:
    if candidate.due_on is None or not candidate.recipients:
        logger.info(
            "reminder skipped: %s %s has no %s",
            candidate.subject._meta.label_lower,
            candidate.subject.pk,
            "due date" if candidate.due_on is None else "owner (or no one with an email to remind)",
        )
        return False
    return True


def _missing_rows(source: Source, candidates: list[Candidate], now: datetime) -> list[Reminder]:
    content_type = ContentType.objects.get_for_model(source.model)
    existing = set(
        Reminder.objects.filter(content_type=content_type, object_id__in=[c.subject.pk for c in candidates])
        .values_list("object_id", "lead_days", "recipient_id", "due_on")
        .order_by()
    )
    rows = []
    for candidate in candidates:
        for person, _ in candidate.recipients:
            stage = stage_of(source, due_on=candidate.due_on, today=local_now(person, now).date())
            if stage is None or (candidate.subject.pk, stage[1], person.pk, candidate.due_on) in existing:
                continue
            rows.append(
                Reminder(
                    content_type=content_type, object_id=candidate.subject.pk, kind=stage[0],
                    lead_days=stage[1], recipient=person, due_on=candidate.due_on, created_at=now,
                )
            )
    return rows


@transaction.atomic
def plan_reminders(*, now: datetime | None = None) -> int:
    """Create the Reminder rows that have come due (each exists once); return how many were new."""
    now = now or timezone.now()
    today = now.astimezone(UTC).date()
    rows: list[Reminder] = []
    for source in SOURCES.values():
        # One day of slack each side: a recipient's local date may differ from UTC's by one.
        lookback = OVERDUE_LOOKBACK_DAYS if source.remind_overdue else 0
        window = {"due_from": today - timedelta(days=1 + lookback), "due_to": today + timedelta(days=max(source.leads) + 1)}
        candidates = [c for c in source.find(**window) if _usable(c)]
        rows += _missing_rows(source, candidates, now)
    # ignore_conflicts: a concurrent scan may have planned the same row; the constraint keeps one.
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@dataclass(frozen=True)
class Claim:
    """Reminders claimed for one email to one person; `token` proves the claim is still theirs."""

    recipient_id: int
    reminder_ids: tuple[int, ...]
    token: uuid.UUID


def _digest_due(person: User, now: datetime) -> bool:
    """A digest goes out at or after the person's digest hour, at most once a local day."""
    local = local_now(person, now)
    if local.hour < settings.REMINDER_DIGEST_HOUR:
        return False
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    sent_or_in_flight = person.reminders.filter(
        Q(status=Reminder.Status.SENT, sent_at__gte=midnight)
        | Q(status=Reminder.Status.CLAIMED, claimed_at__gte=now - LEASE)
    )
    return not sent_or_in_flight.exists()


@transaction.atomic
def _claim_for(recipient_id: int, *, now: datetime, dispatch: Callable[[Claim], None]) -> list[Claim]:
    # The person's row lock serialises scans per person, so two scans cannot each send a
    # digest; skip_locked: if another scan holds them, it is dealing with them right now.
    person = User.objects.select_for_update(skip_locked=True).filter(pk=recipient_id).first()
    if person is None:
        return []
    mine = Reminder.objects.claimable(now=now, lease=LEASE).filter(recipient=person)
    if person.reminder_mode == User.ReminderMode.OFF:
        mine.update(status=Reminder.Status.DROPPED, claim=None, last_error="reminder emails turned off")
        return []
    mine.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=Reminder.Status.FAILED,
        claim=None,
        last_error=Case(When(last_error="", then=Value("gave up: no sender finished")), default=F("last_error")),
    )
    if person.reminder_mode == User.ReminderMode.DIGEST and not _digest_due(person, now):
        return []
    token = uuid.uuid4()
    # The conditional UPDATE is the claim: a row another scan claimed first no longer matches.
    mine.update(status=Reminder.Status.CLAIMED, claim=token, claimed_at=now, attempts=F("attempts") + 1)
    ids = tuple(Reminder.objects.filter(claim=token).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return []
    if person.reminder_mode == User.ReminderMode.IMMEDIATE:
        claims = [Claim(recipient_id=person.pk, reminder_ids=(pk,), token=token) for pk in ids]
    else:
        claims = [Claim(recipient_id=person.pk, reminder_ids=ids, token=token)]
    for claim in claims:
        transaction.on_commit(partial(dispatch, claim))
    return claims


def claim_due_reminders(*, dispatch: Callable[[Claim], None], now: datetime | None = None) -> list[Claim]:
    """Claim, person by person, what may go out now; `dispatch` gets each claim once it has committed."""
    now = now or timezone.now()
    recipients = (
        Reminder.objects.claimable(now=now, lease=LEASE).order_by().values_list("recipient_id", flat=True).distinct()
    )
    claims: list[Claim] = []
    for recipient_id in list(recipients):
        claims += _claim_for(recipient_id, now=now, dispatch=dispatch)
    return claims


def scan_reminders(*, dispatch: Callable[[Claim], None], now: datetime | None = None) -> list[Claim]:
    """One scan: plan what has come due, then claim what may go out and dispatch each claim."""
    now = now or timezone.now()
    plan_reminders(now=now)
    return claim_due_reminders(dispatch=dispatch, now=now)


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One reminder as the email shows it, with the page its link opens."""

    reminder: Reminder
    candidate: Candidate
    path: str

    @property
    def kind(self) -> str:
        return self.reminder.kind


@dataclass(frozen=True)
class SentEmail:
    """What a sender sent: to whom, under which subject, for which reminders."""

    to: str
    subject: str
    reminder_ids: tuple[int, ...]


def _stale_reason(reminder: Reminder, candidate: Candidate | None) -> str:
    if candidate is None:
        return "subject deleted, done or no longer pending"
    if candidate.due_on != reminder.due_on:
        return "due date moved"
    if reminder.recipient_id not in {person.pk for person, _ in candidate.recipients}:
        return "recipient no longer concerned"
    return ""


def _current(reminders: list[Reminder]) -> dict[tuple[int, int], Candidate]:
    """Re-read each reminder's subject through its source: what is gone or done is not returned."""
    by_type: dict[ContentType, list[int]] = {}
    for reminder in reminders:
        by_type.setdefault(reminder.content_type, []).append(reminder.object_id)
    current = {}
    for content_type, ids in by_type.items():
        if (source := source_for(content_type)) is not None:
            for candidate in source.find(ids=ids):
                current[(content_type.pk, candidate.subject.pk)] = candidate
    return current


def _drop(reminders: Iterable[Reminder], reason: str) -> None:
    ids = [r.pk for r in reminders]
    if ids:
        Reminder.objects.filter(pk__in=ids).update(status=Reminder.Status.DROPPED, claim=None, last_error=reason)
        logger.info("reminders %s dropped: %s", ids, reason)


@transaction.atomic
def _take(*, recipient_id: int, reminder_ids: Sequence[int], token: uuid.UUID) -> tuple[User | None, list[Line]]:
    """Lock the claim's rows, drop what no longer holds, and renew the lease for the send."""
    reminders = list(
        Reminder.objects.select_for_update()
        .filter(pk__in=reminder_ids, recipient_id=recipient_id, claim=token, status=Reminder.Status.CLAIMED)
        .select_related("recipient", "content_type")
    )
    if not reminders:
        return None, []  # already sent, or the lease lapsed and a later scan owns it now
    person = reminders[0].recipient
    if person.reminder_mode == User.ReminderMode.OFF:
        _drop(reminders, "reminder emails turned off")
        return person, []
    current, lines, stale = _current(reminders), {}, []
    for reminder in sorted(reminders, key=lambda r: r.lead_days):
        candidate = current.get((reminder.content_type_id, reminder.object_id))
        key = (reminder.content_type_id, reminder.object_id)
        if reason := _stale_reason(reminder, candidate):
            _drop([reminder], reason)
        elif key in lines:  # a more urgent reminder of the same item is in this email
            stale.append(reminder)
        else:
            path = next(path for who, path in candidate.recipients if who.pk == person.pk)
            lines[key] = Line(reminder=reminder, candidate=candidate, path=path)
    _drop(stale, "superseded by a more urgent reminder")
    # Renewing the lease now means no scan can re-claim these while the email is in flight.
    Reminder.objects.filter(pk__in=[line.reminder.pk for line in lines.values()]).update(claimed_at=timezone.now())
    return person, sorted(lines.values(), key=lambda line: (line.candidate.due_on, line.candidate.title))


def _when(line: Line, today: date) -> str:
    due_on = line.candidate.due_on
    on = f"{due_on:%a} {due_on.day} {due_on:%b %Y}"
    days = (due_on - today).days
    if line.kind == Reminder.Kind.CERTIFICATION:
        return f"expires {'today' if days == 0 else f'in {days} days'} ({on})"
    if days < 0:
        return f"overdue since {on}"
    return f"due {'today' if days == 0 else 'tomorrow' if days == 1 else f'in {days} days'} ({on})"


def _subject(items: list[dict]) -> str:
    if len(items) == 1:
        title = items[0]["title"]
        return f"Tandem: {title if len(title) <= 60 else title[:59] + '…'} — {items[0]['when']}"
    overdue = sum(1 for item in items if item["kind"] == Reminder.Kind.OVERDUE)
    certifications = sum(1 for item in items if item["kind"] == Reminder.Kind.CERTIFICATION)
    if certifications == len(items):
        return f"Tandem: {len(items)} certifications expiring"
    return f"Tandem: {len(items)} items due soon" + (f" ({overdue} overdue)" if overdue else "")


SECTIONS = [
    (Reminder.Kind.OVERDUE, "Overdue"),
    (Reminder.Kind.DUE, "Coming due"),
    (Reminder.Kind.CERTIFICATION, "Certifications expiring"),
]


def build_email(*, person: User, lines: list[Line], now: datetime) -> EmailMultiAlternatives:
    """The reminder email (plain text and HTML): titles, due dates and links — never content."""
    today = local_now(person, now).date()
    site = settings.SITE_URL.rstrip("/")
    items = [
        {"title": line.candidate.title, "context": line.candidate.context, "kind": line.kind,
         "when": _when(line, today), "link": site + line.path}
        for line in lines
    ]
    sections = [(label, [i for i in items if i["kind"] == kind]) for kind, label in SECTIONS]
    context = {
        "person": person,
        "sections": [(label, rows) for label, rows in sections if rows],
        "settings_link": site + reverse("engagements:reminder_settings"),
        "digest": len(items) > 1,
    }
    subject = _subject(items)
    message = EmailMultiAlternatives(
        subject, render_to_string("emails/reminders.txt", context), None, [person.email]
    )
    message.attach_alternative(render_to_string("emails/reminders.html", context), "text/html")
    return message


def _record_failure(lines: list[Line], token: uuid.UUID, error: Exception) -> None:
    """A failed send goes back to pending (retried after the lease) until attempts run out."""
    reason = f"{type(error).__name__}: {error}"[:300]
    mine = Reminder.objects.filter(pk__in=[line.reminder.pk for line in lines], claim=token)
    mine.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=Reminder.Status.FAILED, claim=None, last_error=reason
    )
    mine.update(status=Reminder.Status.PENDING, claim=None, claimed_at=timezone.now(), last_error=reason)
    logger.warning("reminder email to recipient %s failed: %s", lines[0].reminder.recipient_id, reason)


def send_reminder_batch(*, recipient_id: int, reminder_ids: Sequence[int], claim: uuid.UUID | str) -> SentEmail | None:
    """Send one claim's email (a digest or a single reminder) and record it sent; a no-op if
    the claim was already sent or is no longer this sender's."""
    token = uuid.UUID(str(claim))
    person, lines = _take(recipient_id=recipient_id, reminder_ids=reminder_ids, token=token)
    if not lines:
        return None
    message = build_email(person=person, lines=lines, now=timezone.now())
    try:
        message.send()
    except (smtplib.SMTPException, OSError, ValidationError) as error:
        _record_failure(lines, token, error)
        return None
    # The one window for a duplicate: between the server accepting the message (above) and
    # this single UPDATE. Nothing else runs in between.
    ids = tuple(line.reminder.pk for line in lines)
    recorded = Reminder.objects.filter(pk__in=ids, claim=token, status=Reminder.Status.CLAIMED).update(
        status=Reminder.Status.SENT, sent_at=timezone.now(), claim=None, last_error=""
    )
    if recorded != len(ids):
        logger.error("reminders %s: sent, but %s of them had been re-claimed meanwhile", ids, len(ids) - recorded)
    return SentEmail(to=person.email, subject=message.subject, reminder_ids=ids)


@transaction.atomic
def update_reminder_settings(*, user: User, by: User, reminder_mode: str, time_zone: str) -> User:
    """Set how a person is reminded (digest, immediate or off) and their time zone; their own only."""
    if by.pk != user.pk:
        raise PermissionDenied("People choose their own reminder settings.")
    if time_zone not in available_time_zones():
        raise ValidationError({"time_zone": f"{time_zone!r} is not a known time zone."})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.reminder_mode, user.time_zone = reminder_mode, time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["reminder_mode", "time_zone"])
    return user


@cache
def available_time_zones() -> tuple[str, ...]:
    """The IANA zone names a person may choose, sorted."""
    return tuple(sorted(available_timezones()))
