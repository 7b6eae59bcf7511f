"""What monitoring shows, for the coach (stage 7) and the coachee (portal): milestones and
indicators against their targets, as charts with their data, and the review a check-in
makes of every indicator since the last one. Read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from engagements.models import Engagement
from mpc.charts import Bar, Chart, Series, bar_chart, line_chart, number
from mpc.models import CheckIn, ControlIndicator, Goal, GoalRating, IndicatorReading, Milestone


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


@dataclass
class Measure:
    """Something monitoring reads over time — a quantitative goal's indicator, a control
    indicator, or a qualitative goal's 1–10 rating — with its target."""

    key: str
    title: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    upward: bool
    due_on: date | None
    points: tuple[Point, ...]
    record: object
    review: tuple[Point, ...] = ()  # the readings since the last check-in, for the next one
    form: object = None  # the reading form, where the reader may read it

    @property
    def is_rating(self) -> bool:
        """A qualitative goal's 1–10 rating: no target, its sign of success says what reached is."""
        return isinstance(self.record, Goal) and not self.record.is_quantitative

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def is_met(self) -> bool:
        if self.latest is None or self.target is None:
            return False
        return self.latest.value >= self.target if self.upward else self.latest.value <= self.target

    def since(self, day: date | None) -> tuple[Point, ...]:
        """The readings after `day` (all of them when there is none)."""
        return tuple(p for p in self.points if day is None or p.on > day)

    def chart(self) -> Chart:
        labels = [_day(p.on) for p in self.points]
        target = (gettext("Target"), self.target) if self.target is not None else None
        count = len(self.points)
        parts = [ngettext("%(count)s reading", "%(count)s readings", count) % {"count": count}]
        if self.latest:
            latest = {"value": number(self.latest.value), "unit": self.unit, "day": _day(self.latest.on)}
            parts.append(gettext("latest %(value)s %(unit)s on %(day)s") % latest)
        else:
            parts.append(gettext("none yet"))
        if self.target is not None:
            parts.append(gettext("target %(value)s %(unit)s") % {"value": number(self.target), "unit": self.unit})
        description = "; ".join(parts)
        return line_chart(
            key=self.key, title=self.title, description=description.strip(), labels=labels,
            series=[Series(self.title, {label: p.value for label, p in zip(labels, self.points, strict=True)})],
            top=10 if self.is_rating else max([self.target or 0, self.baseline or 0, *(p.value for p in self.points)]),
            unit=self.unit, reference=target,
        )


def _day(day: date) -> str:
    """A day as the charts label it: 03 Mar 2026."""
    return date_format(day, "d M Y")


def goal_prefetches() -> list[Prefetch]:
    """What a goal's measure reads, prefetched on a Goal queryset: its indicator readings
    and its ratings, in the order of their check-ins (`chart_readings`, `chart_ratings`)."""
    return [
        Prefetch(
            "readings", queryset=IndicatorReading.objects.select_related("check_in").order_by("check_in__held_on", "id"),
            to_attr="chart_readings",
        ),
        Prefetch("ratings", queryset=GoalRating.objects.select_related("check_in").order_by("check_in__held_on", "id"), to_attr="chart_ratings"),
    ]


def measures(engagement: Engagement, goals: list[Goal] | None = None) -> list[Measure]:
    """Every measure of the engagement: goals' indicators and ratings, then control
    indicators. `goals`: the engagement's goals, already fetched with `goal_prefetches`."""
    found = []
    for goal in engagement.mpc_goals.prefetch_related(*goal_prefetches()) if goals is None else goals:
        if goal.is_quantitative:
            points = tuple(Point(r.check_in.held_on, r.value) for r in goal.chart_readings)
            found.append(Measure(f"goal-{goal.public_id.hex[:12]}", goal.title, goal.unit, goal.baseline, goal.target, goal.is_upward, goal.deadline, points, goal))
        else:
            points = tuple(Point(r.check_in.held_on, Decimal(r.rating)) for r in goal.chart_ratings)
            # A 1–10 rating has no target: the sign of success says what "reached" looks like.
            title = gettext("%(goal)s (rating)") % {"goal": goal.title}
            found.append(Measure(f"goal-{goal.public_id.hex[:12]}", title, gettext("of 10"), None, None, True, goal.deadline, points, goal))
    indicators = ControlIndicator.objects.filter(item__plan__engagement=engagement).select_related("item__owner").prefetch_related("readings")
    for indicator in indicators:
        points = tuple(Point(r.read_on, r.value) for r in indicator.readings.all())
        upward = indicator.direction == ControlIndicator.Direction.UP
        found.append(Measure(
            f"indicator-{indicator.public_id.hex[:12]}", indicator.title, indicator.unit, indicator.baseline, indicator.target,
            upward, indicator.item.due_on, points, indicator,
        ))
    return found


def milestone_chart(milestones: list[Milestone], *, key: str = "milestones") -> Chart:
    """Each milestone's progress as a bar, with its status."""
    bars = [
        Bar(
            gettext("%(milestone)s (due %(day)s)") % {"milestone": m.title, "day": _day(m.due_on)},
            m.progress / 100, f"{m.progress}% · {m.get_status_display().lower()}",
        )
        for m in milestones
    ]
    reached = sum(1 for m in milestones if m.is_reached)
    description = ngettext(
        "%(reached)s of %(count)s milestone reached.", "%(reached)s of %(count)s milestones reached.", len(milestones)
    ) % {"reached": reached, "count": len(milestones)}
    return bar_chart(
        key=key, title=gettext("Milestones"), description=description, bars=bars, value_header=gettext("Progress"),
    )


def last_check_in(engagement: Engagement) -> CheckIn | None:
    return engagement.mpc_check_ins.order_by("-held_on", "-id").first()
