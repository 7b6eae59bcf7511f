"""The practice overview for the admins: engagements by state, hours delivered per coach per
month, the average rating change over closed engagements, certification renewals due.
Each table is computed in a fixed number of queries and downloads as CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, DateField, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagements.models import Certification, Coach, Engagement, Objective
from sessions_grow.models import CoachingSession

MONTHS = 12
RENEWAL_DAYS = 90


@dataclass(frozen=True)
class Table:
    """One table of the overview: `key` names its CSV download."""

    key: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def tables(today: date | None = None) -> dict[str, Table]:
    """The four tables, by key, as of `today`."""
    today = today or timezone.localdate()
    found = (engagements_by_state(), hours_per_coach_per_month(today), rating_change(), renewals_due(today))
    return {table.key: table for table in found}


def engagements_by_state() -> Table:
    counts = {
        row["state"]: row
        for row in Engagement.objects.order_by().values("state").annotate(n=Count("pk"), teams=Count("pk", filter=Q(kind=Engagement.Kind.TEAM)))
    }
    rows = tuple(
        (label, str(counts[value]["n"]), str(counts[value]["teams"])) for value, label in Engagement.State.choices if value in counts
    )
    total = sum(row["n"] for row in counts.values())
    return Table(
        "engagements-by-state", _("Engagements by state"),
        ngettext("%(count)s engagement in all.", "%(count)s engagements in all.", total) % {"count": total},
        (_("State"), _("Engagements"), _("of which team coaching")), rows,
    )


def _months(today: date) -> list[date]:
    """The first days of the last MONTHS months, this one included, oldest first."""
    first, months = today.replace(day=1), []
    for __ in range(MONTHS):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _hours(minutes) -> str:
    return f"{(Decimal(minutes or 0) / 60).quantize(Decimal('0.01')):f}"


def hours_per_coach_per_month(today: date) -> Table:
    months = _months(today)
    held = (
        CoachingSession.objects.held().filter(held_at__date__gte=months[0]).order_by()
        .annotate(month=TruncMonth("held_at", output_field=DateField())).values("held_by", "month").annotate(minutes=Sum("duration_minutes"))
    )
    minutes = {(row["held_by"], row["month"]): row["minutes"] for row in held}
    rows = []
    for coach in Coach.objects.select_related("user").order_by("user__last_name", "user__first_name"):
        by_month = [minutes.get((coach.user_id, month), 0) for month in months]
        rows.append((str(coach), *(_hours(m) for m in by_month), _hours(sum(by_month))))
    return Table(
        "hours-per-coach", _("Hours delivered per coach per month"),
        _("Held coaching sessions, %(first)s to %(last)s.")
        % {"first": date_format(months[0], "F Y"), "last": date_format(months[-1], "F Y")},
        # Translators: a month heading a column, in Django's date format (M: the month's short name, Y: the year).
        (_("Coach"), *(date_format(month, _("M Y")) for month in months), _("Total")), tuple(rows),
    )


def rating_change() -> Table:
    evaluated = Objective.objects.filter(engagement__state=Engagement.State.CLOSED, final_rating__isnull=False).order_by()
    figures = dict(
        engagements=Count("engagement", distinct=True), objectives=Count("pk"),
        baseline=Avg("baseline_rating"), final=Avg("final_rating"), change=Avg(F("final_rating") - F("baseline_rating")),
    )
    per_coach = evaluated.values("engagement__coach__user__first_name", "engagement__coach__user__last_name").annotate(**figures)
    overall = evaluated.aggregate(**figures)

    def row(name: str, f: dict) -> tuple[str, ...]:
        def one(value) -> str:
            return "—" if value is None else f"{Decimal(value).quantize(Decimal('0.1')):f}"

        change = "—" if f["change"] is None else f"{Decimal(f['change']).quantize(Decimal('0.1')):+f}"
        return (name, str(f["engagements"]), str(f["objectives"]), one(f["baseline"]), one(f["final"]), change)

    rows = [
        row(f"{f['engagement__coach__user__first_name']} {f['engagement__coach__user__last_name']}", f)
        for f in per_coach.order_by("engagement__coach__user__last_name", "engagement__coach__user__first_name")
    ]
    rows.append(row(_("All coaches"), overall))
    return Table(
        "rating-change", _("Average rating change over closed engagements"),
        _("Each evaluated objective of a closed engagement: the coach's final rating against the baseline (0–10)."),
        (_("Coach"), _("Closed engagements"), _("Objectives"), _("Average baseline"), _("Average final"), _("Average change")),
        tuple(rows),
    )


def renewals_due(today: date) -> Table:
    due = (
        Certification.objects.filter(revoked_on__isnull=True, expires_on__lte=today + timedelta(days=RENEWAL_DAYS), coach__is_active=True)
        .select_related("coach__user").order_by("expires_on", "id")
    )

    def when(day: date) -> str:
        days = (day - today).days
        if days >= 0:
            return ngettext("in %(count)s day", "in %(count)s days", days) % {"count": days}
        return ngettext("lapsed %(count)s day ago", "lapsed %(count)s days ago", -days) % {"count": -days}

    rows = tuple((str(c.coach), c.body, c.level, c.expires_on.isoformat(), when(c.expires_on)) for c in due)
    return Table(
        "renewals-due", _("Certification renewals due"),
        _("Active coaches' certifications that lapse within %(days)s days, or have lapsed and are not renewed.")
        % {"days": RENEWAL_DAYS},
        (_("Coach"), _("Body"), _("Level"), _("Expires on"), _("When")), rows,
    )


def as_csv(table: Table) -> HttpResponse:
    """One table as a CSV download."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tandem-{table.key}-{timezone.localdate()}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return response
