"""Progress you can show: the charts of an engagement, drawn from rows the page has already
fetched (prefetched, so a page with thirty objectives costs what one with one does).

- per objective, the coach's ratings from the baseline through the ratings along the way
  to the final one, beside each coachee's own (start, along the way, at the assessment);
- the hours used against the planned hours, session by held session;
- MPC: each milestone's progress and each indicator's way from its baseline to its target.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagements.models import Engagement, Objective, ProgressRating, SelfRating, User
from kit.charts import Bar, Chart, Series, bar_chart, line_chart
from mpc import progress as mpc_progress
from mpc.models import Goal, Milestone
from sessions_grow.models import CoachingSession


def chart_prefetches(user: User | None, *, prefix: str = "", ratings: bool = True) -> list:
    """What the charts of an engagement read, as prefetches on an Engagement queryset
    (`prefix` when the engagements are reached through another relation). With `user`, the
    ratings are those `user` may read; without, all of them: the caller has already gated the
    engagements (a sponsor's view, with every coachee's consent). Without `ratings`, only
    what the hours chart reads."""
    held = Prefetch(f"{prefix}coaching_sessions", queryset=CoachingSession.objects.held().order_by("held_at"), to_attr="chart_held")
    if not ratings:
        return [held]
    own = SelfRating.objects.visible_to(user) if user else SelfRating.objects.all()
    along = ProgressRating.objects.visible_to(user) if user else ProgressRating.objects.all()
    return [
        Prefetch(f"{prefix}objectives__self_ratings", queryset=own.select_related("person"), to_attr="chart_own"),
        Prefetch(f"{prefix}objectives__progress_ratings", queryset=along.select_related("person"), to_attr="chart_along"),
        held,
        # Every milestone, dropped ones too, with its owner: the portal lists them from here.
        Prefetch(
            f"{prefix}mpc_goals",
            queryset=Goal.objects.prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.select_related("owner")), *mpc_progress.goal_prefetches()
            ),
            to_attr="chart_goals",
        ),
    ]


def engagement_charts(engagement: Engagement, *, viewer: User | None, ratings: bool = True) -> list[Chart]:
    """Every chart of one engagement prefetched with `chart_prefetches`: the objectives'
    (when `ratings`), the hours, and MPC's progress (when `ratings` and there is some)."""
    charts = []
    if ratings:
        charts += [objective_chart(o, viewer=viewer) for o in engagement.objectives.all()]
    charts.append(hours_chart(engagement))
    if ratings and (progress := mpc_chart(engagement)) is not None:
        charts.append(progress)
    return charts


def _when(day: date) -> str:
    # Translators: a day in Django's date format (j: the day, M: the month's short name, Y: the year).
    return date_format(day, _("j M Y"))


def objective_chart(objective: Objective, *, viewer: User | None) -> Chart:
    """The coach's ratings and each coachee's own on one objective, from start to end."""
    start, end = _("Start"), _("End")
    coach = Series(_("Your coach") if _is_coachee(viewer) else _("Coach"), {start: objective.baseline_rating})
    own: dict[int, Series] = {}
    days: set[date] = set()
    for rating in objective.chart_along:
        days.add(rating.rated_on)
        series = coach if rating.person.role != User.Role.COACHEE else _own(own, rating.person, viewer)
        series.values[_when(rating.rated_on)] = rating.rating
    for rating in objective.chart_own:
        _own(own, rating.person, viewer).values[start if rating.moment == SelfRating.Moment.START else end] = rating.rating
    if objective.final_rating is not None:
        coach.values[end] = objective.final_rating
    labels = [start, *(_when(day) for day in sorted(days)), end]
    series = [coach, *own.values()]
    description = _("Ratings from 0 to 10, from the start of the coaching to its end: %(names)s.") % {
        "names": ", ".join(s.name for s in series)
    }
    title = _("Objective %(number)s: %(statement)s") % {"number": objective.position, "statement": objective.statement}
    return line_chart(
        key=f"objective-{objective.public_id.hex[:12]}", title=title,
        description=description, labels=labels, series=series, top=10,
    )


def _is_coachee(user: User | None) -> bool:
    return user is not None and user.role == User.Role.COACHEE


def _own(own: dict[int, Series], person: User, viewer: User | None) -> Series:
    if person.pk not in own:
        mine = viewer is not None and person.pk == viewer.pk
        own[person.pk] = Series(_("You") if mine else _("%(person)s (own)") % {"person": person}, {})
    return own[person.pk]


def hours_chart(engagement: Engagement) -> Chart:
    """The hours used, held session after held session, against the planned hours."""
    used, values = Decimal(0), {_("Opened"): Decimal(0)}
    for session in engagement.chart_held:
        used += Decimal(session.duration_minutes) / 60
        values[_("Session %(number)s") % {"number": session.number}] = used
    planned = engagement.planned_hours
    return line_chart(
        key=f"hours-{engagement.public_id.hex[:12]}", title=_("Hours used against planned"),
        description=_hours_description(used, held=len(engagement.chart_held), planned=planned),
        labels=list(values), series=[Series(_("Hours used"), values)], top=planned or used, unit=" h",
        reference=(_("Planned"), planned) if planned else None,
    )


def _hours_description(used: Decimal, *, held: int, planned: Decimal | None) -> str:
    if planned:
        return ngettext(
            "%(used)s used over %(count)s held session, of %(planned)s planned.",
            "%(used)s used over %(count)s held sessions, of %(planned)s planned.",
            held,
        ) % {"used": _hours(used), "count": held, "planned": _hours(planned)}
    return ngettext(
        "%(used)s used over %(count)s held session; no hours planned yet.",
        "%(used)s used over %(count)s held sessions; no hours planned yet.",
        held,
    ) % {"used": _hours(used), "count": held}


def _hours(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".") + " h"


def mpc_chart(engagement: Engagement) -> Chart | None:
    """Each milestone's progress and each indicator's share of the way to its target; None
    when the engagement has neither."""
    goals: Iterable[Goal] = engagement.chart_goals if engagement.uses_mpc else []
    bars = [
        Bar(_("Milestone: %(title)s") % {"title": m.title}, Decimal(m.progress) / 100, f"{m.progress}% · {m.get_status_display().lower()}")
        for g in goals for m in g.milestones.all() if m.status != Milestone.Status.DROPPED
    ]
    for goal in goals:
        if goal.kind == Goal.Kind.QUANTITATIVE and goal.chart_readings:
            latest = goal.chart_readings[-1].value
            share = (latest - goal.baseline) / (goal.target - goal.baseline)
            shown = _("%(value)s of %(target)s %(unit)s") % {
                "value": f"{latest.normalize():f}", "target": f"{goal.target.normalize():f}", "unit": goal.unit
            }
            bars.append(Bar(_("Indicator: %(title)s") % {"title": goal.title}, share, shown))
    if not bars:
        return None
    return bar_chart(
        key=f"mpc-{engagement.public_id.hex[:12]}", title=_("Milestones and indicators"),
        description=_("How far each milestone has come (0 to 100%) and each indicator from its baseline to its target."),
        bars=bars, value_header=_("Where it stands"),
    )
