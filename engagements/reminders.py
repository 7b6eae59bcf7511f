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
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from engagements.models import ActionItem, Certification, Engagement, Reminder, User
from kit.formats import weekday_day
from kit.languages import speaking_to
from kit.text import one_line

logger = logging.getLogger(__name__)



def lease() -> timedelta:
    """How long a claim holds: one older than this is presumed dead (its sender crashed) and
    is claimed again (REMINDER_LEASE_SECONDS; well above an SMTP timeout of 30 s)."""
    return timedelta(seconds=settings.REMINDER_LEASE_SECONDS)


def retry_delay(attempts: int) -> timedelta:
    """The wait before a failed attempt is retried: REMINDER_RETRY_SECONDS, doubled at each
    attempt, at most REMINDER_RETRY_MAX_SECONDS (so an outage is not spent in seconds)."""
    base, most = settings.REMINDER_RETRY_SECONDS, settings.REMINDER_RETRY_MAX_SECONDS
    return timedelta(seconds=min(most, base * 2 ** max(attempts - 1, 0)))

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
    """One model's reminders. `rows(due_from, due_to)` gives, for the scan, the SQL of one row
    per (subject, person to remind) in a due-date window, with the columns subject, due,
    person and zone (see `rows_of`); `find(ids=)` re-reads given subjects at send time (still
    pending ones only) and `find(due_from=, due_to=)` lists a window's candidates;
    `unowned(due_from, due_to)`, if given, the ids of subjects no one can be reminded of."""

    model: type[models.Model]
    find: Callable[..., Iterable[Candidate]]
    rows: Callable[[date, date], tuple[str, tuple]]
    unowned: Callable[[date, date], models.QuerySet] | None = None
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


def remindable(queryset: models.QuerySet, *, person: str, due: str = "due_on") -> models.QuerySet:
    """The scan's rows of `queryset` for the person at the path `person` (a user foreign key):
    subject, due, person and zone; only people active with an email address, as
    `people_to_remind` says."""
    return (
        queryset.filter(**{f"{person}__is_active": True})
        .exclude(**{f"{person}__email": ""})
        .order_by()
        .values(subject=F("pk"), due=F(due), person=F(person), zone=F(f"{person}__time_zone"))
    )


def rows_of(*querysets: models.QuerySet) -> tuple[str, tuple]:
    """The SQL of querysets from `remindable`, one after the other (UNION ALL)."""
    first, *rest = querysets
    combined = first.union(*rest, all=True).order_by() if rest else first
    sql, params = combined.query.sql_with_params()
    return sql, tuple(params)


def _action_items_in(due_from: date, due_to: date) -> models.QuerySet:
    return ActionItem.objects.pending().filter(
        plan__engagement__state__in=REMINDING_STATES, due_on__gte=due_from, due_on__lte=due_to
    )


def action_item_rows(due_from: date, due_to: date) -> tuple[str, tuple]:
    """Each pending action item coming due: its owner, and its engagement's coach (none if no owner)."""
    items = _action_items_in(due_from, due_to).filter(owner__isnull=False)  # no owner: no one (logged)
    return rows_of(remindable(items, person="owner"), remindable(items, person="plan__engagement__coach__user"))


def unowned_action_items(due_from: date, due_to: date) -> models.QuerySet:
    return _action_items_in(due_from, due_to).filter(owner__isnull=True)


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


def practice_admins() -> models.QuerySet[User]:
    """The active practice admins with an email address: whom roster and failure notices go to."""
    return User.objects.filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(email="")


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
    admins = list(practice_admins())
    for certification in certifications:
        path = reverse("engagements:coach", args=[certification.coach.public_id])
        yield Candidate(
            subject=certification,
            title=_("%(coach)s: %(body)s %(level)s certification")
            % {"coach": certification.coach, "body": certification.body, "level": certification.level},
            due_on=certification.expires_on,
            context=_("Coach roster"),
            recipients=tuple((admin, path) for admin in admins),
        )


def certification_rows(due_from: date, due_to: date) -> tuple[str, tuple]:
    """Each certification of an active coach expiring in the window, for every practice admin."""
    certifications = (
        Certification.objects.filter(coach__is_active=True, expires_on__gte=due_from, expires_on__lte=due_to)
        .order_by()
        .values(subject=F("pk"), due=F("expires_on"))
    )
    admins = practice_admins().order_by().values(person=F("pk"), zone=F("time_zone"))
    certification_sql, certification_params = certifications.query.sql_with_params()
    admin_sql, admin_params = admins.query.sql_with_params()
    sql = (
        f"SELECT c.subject AS subject, c.due AS due, a.person AS person, a.zone AS zone "
        f"FROM ({certification_sql}) c CROSS JOIN ({admin_sql}) a"
    )
    return sql, (*certification_params, *admin_params)


def register_engagement_sources() -> None:
    """Register this app's sources (called from EngagementsConfig.ready())."""
    register_source(
        Source(model=ActionItem, find=find_action_items, rows=action_item_rows, unowned=unowned_action_items)
    )
    register_source(
        Source(
            model=Certification,
            find=find_certifications,
            rows=certification_rows,
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


def _zones(now: datetime) -> dict[str, datetime]:
    """Each time zone people have, with `now` there (an unknown zone: the practice's)."""
    zones = User.objects.order_by().values_list("time_zone", flat=True).distinct()
    return {zone: local_now(User(time_zone=zone), now) for zone in zones}


def _stage_sql(source: Source, today: date) -> tuple[str, str, list, date, date]:
    """For people whose local date is `today`: SQL choosing kind and lead days from the due
    date `c.due` (as `stage_of` does), and the window of due dates that get one."""
    leads = sorted(source.leads)
    kind_sql, params = f"'{source.kind}'", []
    lead_sql = ["CASE"]
    if source.remind_overdue:
        kind_sql = f"CASE WHEN c.due < %s THEN '{Reminder.Kind.OVERDUE}' ELSE '{source.kind}' END"
        lead_sql.append(f"WHEN c.due < %s THEN {Reminder.OVERDUE_LEAD}")
        params += [today, today]
    for lead in leads:
        lead_sql.append(f"WHEN c.due <= %s THEN {int(lead)}")
        params.append(today + timedelta(days=lead))
    lead_sql.append("END")
    due_from = today - timedelta(days=OVERDUE_LOOKBACK_DAYS) if source.remind_overdue else today
    return kind_sql, " ".join(lead_sql), params, due_from, today + timedelta(days=leads[-1])


def _plan_source(source: Source, by_date: dict[date, list[str]], now: datetime) -> int:
    """One INSERT … SELECT … ON CONFLICT DO NOTHING per local date people are at (one to
    three): the number of queries does not depend on how many reminders come due."""
    content_type = ContentType.objects.get_for_model(source.model)
    table = connection.ops.quote_name(Reminder._meta.db_table)
    created = 0
    for today, zones in by_date.items():
        kind_sql, lead_sql, stage_params, due_from, due_to = _stage_sql(source, today)
        rows_sql, rows_params = source.rows(due_from, due_to)
        # Rows in key order: two scans inserting the same rows wait on each other, never deadlock.
        sql = (
            f"INSERT INTO {table} (content_type_id, object_id, kind, lead_days, recipient_id, due_on, "
            f"status, attempts, last_error, created_at) "
            f"SELECT %s, c.subject, {kind_sql}, {lead_sql}, c.person, c.due, %s, 0, '', %s "
            f"FROM ({rows_sql}) c WHERE c.due >= %s AND c.due <= %s AND c.zone IN ({', '.join(['%s'] * len(zones))}) "
            f"ORDER BY c.subject, c.person ON CONFLICT DO NOTHING"
        )
        params = [content_type.pk, *stage_params, Reminder.Status.PENDING, now, *rows_params, due_from, due_to, *zones]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            created += max(cursor.rowcount, 0)
    return created


def plan_reminders(*, now: datetime | None = None) -> int:
    """Create the Reminder rows that have come due (each exists once); return how many were new.
    Each person's own date decides: "tomorrow" in Sydney is not tomorrow in London."""
    now = now or timezone.now()
    by_date: dict[date, list[str]] = {}
    for zone, local in _zones(now).items():
        by_date.setdefault(local.date(), []).append(zone)
    earliest, latest = min(by_date, default=now.date()), max(by_date, default=now.date())
    created = 0
    for source in SOURCES.values():
        if source.unowned is not None:
            lookback = OVERDUE_LOOKBACK_DAYS if source.remind_overdue else 0
            window = (earliest - timedelta(days=lookback), latest + timedelta(days=max(source.leads)))
            for pk in source.unowned(*window).order_by().values_list("pk", flat=True):
                logger.info("reminder skipped: %s %s has no owner", source.model._meta.label_lower, pk)
        if by_date:
            created += _plan_source(source, by_date, now)
    return created


@dataclass(frozen=True)
class Claim:
    """Reminders claimed for one email to one person; `token` proves the claim is still theirs."""

    recipient_id: int
    reminder_ids: tuple[int, ...]
    token: uuid.UUID


def _digest_recipients(now: datetime, zones: dict[str, datetime]) -> Q:
    """People on the digest whose digest may go out now: past their digest hour, nothing sent
    since their local midnight and no digest in flight (at most one email a local day)."""
    ready = [zone for zone, local in zones.items() if local.hour >= settings.REMINDER_DIGEST_HOUR]
    midnight = Case(
        *[
            When(recipient__time_zone=zone, then=Value(local.replace(hour=0, minute=0, second=0, microsecond=0)))
            for zone, local in zones.items()
        ],
        default=Value(now - timedelta(days=1)),
        output_field=models.DateTimeField(),
    )
    sent_today = Reminder.objects.filter(
        recipient=OuterRef("recipient"), status=Reminder.Status.SENT, sent_at__gte=midnight
    )
    in_flight = Reminder.objects.filter(
        recipient=OuterRef("recipient"), status=Reminder.Status.CLAIMED, claimed_at__gte=now - lease()
    )
    return Q(recipient__reminder_mode=User.ReminderMode.DIGEST, recipient__time_zone__in=ready) & ~Exists(
        sent_today
    ) & ~Exists(in_flight)


def _one_claimer_at_a_time() -> bool:
    """On PostgreSQL, claims are made by one scan at a time (a lock held to the end of the
    claim's transaction, never waited for): a scan that finds another claiming leaves the
    claims to it (what it planned is claimed by the next scan), so two scans can never each
    send a person their day's digest. SQLite runs one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [CLAIM_LOCK])
        return cursor.fetchone()[0]


# An arbitrary number naming the claim lock (pg_try_advisory_xact_lock).
CLAIM_LOCK = 7_160_016


@transaction.atomic
def claim_due_reminders(*, dispatch: Callable[[Claim], None], now: datetime | None = None) -> list[Claim]:
    """Claim, in a few statements whatever is due, what may go out now; `dispatch` gets each
    claim once it has committed. Only reminder rows are locked (SKIP LOCKED: a row a sender
    holds is its business)."""
    now = now or timezone.now()
    if not _one_claimer_at_a_time():
        return []
    zones = _zones(now)
    claimable = Reminder.objects.claimable(now=now)
    claimable.filter(recipient__reminder_mode=User.ReminderMode.OFF).update(
        status=Reminder.Status.DROPPED, claim=None, last_error="reminder emails turned off"
    )
    claimable.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=Reminder.Status.FAILED,
        claim=None,
        last_error=Case(When(last_error="", then=Value("gave up: no sender finished")), default=F("last_error")),
    )
    chosen = (
        claimable.filter(Q(recipient__reminder_mode=User.ReminderMode.IMMEDIATE) | _digest_recipients(now, zones))
        .order_by("pk")
        .select_for_update(skip_locked=True, of=("self",))
        .values("pk")
    )
    select_sql, select_params = chosen.query.sql_with_params()
    token = uuid.uuid4()
    table = connection.ops.quote_name(Reminder._meta.db_table)
    # The conditional UPDATE is the claim: a row another scan claimed first no longer matches.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claim = %s, claimed_at = %s WHERE id IN ({select_sql}) "
            f"RETURNING id, recipient_id",
            [Reminder.Status.CLAIMED, token.hex if connection.vendor != "postgresql" else token, now, *select_params],
        )
        claimed = sorted(cursor.fetchall())
    if not claimed:
        return []
    by_person: dict[int, list[int]] = {}
    for pk, recipient_id in claimed:
        by_person.setdefault(recipient_id, []).append(pk)
    immediate = set(
        User.objects.filter(pk__in=by_person, reminder_mode=User.ReminderMode.IMMEDIATE).values_list("pk", flat=True)
    )
    claims = []
    for recipient_id, ids in by_person.items():
        if recipient_id in immediate:
            claims += [Claim(recipient_id=recipient_id, reminder_ids=(pk,), token=token) for pk in ids]
        else:
            claims.append(Claim(recipient_id=recipient_id, reminder_ids=tuple(ids), token=token))
    for claim in claims:
        # robust: a claim whose dispatch fails is retried after the lease; the others still go.
        transaction.on_commit(partial(dispatch, claim), robust=True)
    return claims


def scan_reminders(*, dispatch: Callable[[Claim], None], now: datetime | None = None) -> list[Claim]:
    """One scan: plan what has come due, then claim what may go out and dispatch each claim.
    Its number of queries does not depend on how many reminders are due."""
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
        Reminder.objects.select_for_update(of=("self",))
        .filter(pk__in=reminder_ids, recipient_id=recipient_id, claim=token, status=Reminder.Status.CLAIMED)
        .select_related("recipient", "content_type")
    )
    if not reminders:
        return None, []  # already sent, or the lease lapsed and a later scan owns it now
    person = reminders[0].recipient
    if person.reminder_mode == User.ReminderMode.OFF:
        _drop(reminders, "reminder emails turned off")
        return person, []
    with speaking_to(person):  # what the candidates say of themselves (a certification's title)
        current = _current(reminders)
    lines, stale = {}, []
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
    # Renewing the lease now means no scan can re-claim these while the email is in flight; taking
    # a claim is an attempt (a claim no sender took, its worker being down, is not one).
    Reminder.objects.filter(pk__in=[line.reminder.pk for line in lines.values()]).update(
        claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    for line in lines.values():
        line.reminder.attempts += 1
    return person, sorted(lines.values(), key=lambda line: (line.candidate.due_on, line.candidate.title))


def _when(line: Line, today: date) -> str:
    due_on = line.candidate.due_on
    on = weekday_day(due_on)
    days = (due_on - today).days
    if line.kind == Reminder.Kind.CERTIFICATION:
        if days == 0:
            return _("expires today (%(day)s)") % {"day": on}
        return ngettext("expires in %(count)s day (%(day)s)", "expires in %(count)s days (%(day)s)", days) % {"count": days, "day": on}
    if days < 0:
        return _("overdue since %(day)s") % {"day": on}
    if days == 0:
        return _("due today (%(day)s)") % {"day": on}
    if days == 1:
        return _("due tomorrow (%(day)s)") % {"day": on}
    return ngettext("due in %(count)s day (%(day)s)", "due in %(count)s days (%(day)s)", days) % {"count": days, "day": on}


def _subject(items: list[dict]) -> str:
    if len(items) == 1:
        title = one_line(items[0]["title"])  # a line break stored before titles were one-line
        return _("Tandem: %(title)s — %(when)s") % {
            "title": title if len(title) <= 60 else title[:59] + "…", "when": items[0]["when"]
        }
    count = len(items)
    overdue = sum(1 for item in items if item["kind"] == Reminder.Kind.OVERDUE)
    certifications = sum(1 for item in items if item["kind"] == Reminder.Kind.CERTIFICATION)
    if certifications == count:
        return ngettext("Tandem: %(count)s certification expiring", "Tandem: %(count)s certifications expiring", count) % {
            "count": count
        }
    if overdue:
        return ngettext(
            "Tandem: %(count)s item due soon (%(overdue)s overdue)", "Tandem: %(count)s items due soon (%(overdue)s overdue)", count
        ) % {"count": count, "overdue": overdue}
    return ngettext("Tandem: %(count)s item due soon", "Tandem: %(count)s items due soon", count) % {"count": count}


SECTIONS = [
    (Reminder.Kind.OVERDUE, gettext_lazy("Overdue")),
    (Reminder.Kind.DUE, gettext_lazy("Coming due")),
    (Reminder.Kind.CERTIFICATION, gettext_lazy("Certifications expiring")),
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
    """A failed send goes back to pending (retried after `retry_delay`) until attempts run out."""
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
    try:
        with speaking_to(person):  # the recipient's language, whoever runs the sender
            message = build_email(person=person, lines=lines, now=timezone.now())
        message.send()
    except Exception as error:  # noqa: BLE001 — one bad row must not stop the batch: record it, go on
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
        raise PermissionDenied(_("People choose their own reminder settings."))
    if time_zone not in available_time_zones():
        raise ValidationError({"time_zone": _("Pick a place from the list: that is not a time zone Tandem knows.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.reminder_mode, user.time_zone = reminder_mode, time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["reminder_mode", "time_zone"])
    return user


# The zones most of the practice's people live in, offered first.
COMMON_ZONES = (
    "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Brussels", "Europe/Amsterdam", "Europe/Berlin",
    "Europe/Zurich", "Europe/Madrid", "Europe/Rome", "Europe/Lisbon", "America/New_York", "America/Toronto",
    "America/Chicago", "America/Los_Angeles", "Africa/Casablanca", "Africa/Johannesburg", "Asia/Dubai",
    "Asia/Singapore", "Australia/Sydney", "UTC",
)
# Zone names that are places (Region/City); the rest (Factory, localtime, US/Eastern, Etc/GMT+1…) are not.
REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
# Each region's name in the picker (the zone names themselves are IANA's, in English).
REGION_NAMES = {
    "Africa": gettext_lazy("Africa"),
    "America": gettext_lazy("America"),
    "Antarctica": gettext_lazy("Antarctica"),
    "Asia": gettext_lazy("Asia"),
    "Atlantic": gettext_lazy("Atlantic"),
    "Australia": gettext_lazy("Australia"),
    "Europe": gettext_lazy("Europe"),
    "Indian": gettext_lazy("Indian"),
    "Pacific": gettext_lazy("Pacific"),
}


@cache
def available_time_zones() -> tuple[str, ...]:
    """The IANA zone names a person may choose: real places, and UTC."""
    return (*sorted(zone for zone in available_timezones() if zone.split("/")[0] in REGIONS and "/" in zone), "UTC")


def place_of(zone: str) -> str:
    """A zone as a place: "America/Argentina/Buenos_Aires" → "Buenos Aires (Argentina)"."""
    parts = zone.replace("_", " ").split("/")
    return parts[-1] if len(parts) < 3 else f"{parts[-1]} ({parts[-2]})"


@cache
def time_zone_choices() -> list:
    """The choices of a time-zone picker: the common zones first, then every place by region
    (the words lazy, so the cached list speaks each reader's language)."""
    zones = available_time_zones()
    common = [(zone, place_of(zone) if zone != "UTC" else gettext_lazy("UTC (no local time)")) for zone in COMMON_ZONES if zone in zones]
    by_region = [
        (REGION_NAMES[region], [(zone, place_of(zone)) for zone in zones if zone.startswith(region + "/")]) for region in REGIONS
    ]
    return [(gettext_lazy("Common"), common), *by_region]
