"""Filtering for the API, kept apart from coaching.api: DRF imports the filter backend
while it is still loading its own views."""

from __future__ import annotations

from datetime import UTC

import django_filters
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`; anything else is refused, not read as "no filter"."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(**kwargs)


class UtcDateTimeFilter(django_filters.DateTimeFilter):
    """Reads any ISO offset but queries in UTC: PostgreSQL refuses offsets past ±15:59
    that Python accepts."""

    def filter(self, qs, value):
        return super().filter(qs, value.astimezone(UTC) if value is not None else value)


class StrictFilterSet(django_filters.FilterSet):
    """Filters that refuse a value they cannot read (400) rather than ignore it."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.DateTimeField: {"filter_class": UtcDateTimeFilter},
    }


class StrictFilterBackend(DjangoFilterBackend):
    filterset_base = StrictFilterSet
