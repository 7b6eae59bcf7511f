"""{% engagement_charts %}: the charts of an engagement on the pages of any app (the
engagement page lives in engagements, which may not import the apps the charts read);
`as_date` for the dates a report's content keeps as text."""

from __future__ import annotations

from datetime import date

from django import template

from coaching import progress
from engagements.models import Engagement, User
from kit.charts import Chart

register = template.Library()


@register.simple_tag
def engagement_charts(engagement: Engagement, viewer: User, hide_ratings: bool = False) -> list[Chart]:
    """The engagement's charts as `viewer` may read them (only the hours with `hide_ratings`),
    fetched in a fixed number of queries unless the page prefetched them (`progress.chart_prefetches`)."""
    if not hasattr(engagement, "chart_held"):
        engagement = Engagement.objects.prefetch_related("objectives", *progress.chart_prefetches(viewer)).get(pk=engagement.pk)
    return progress.engagement_charts(engagement, viewer=viewer, ratings=not hide_ratings)


@register.filter
def as_date(value: str) -> date | str:
    """An ISO date stored in a report's content, as a date the `date` filter formats."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
