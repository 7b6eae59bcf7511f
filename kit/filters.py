"""Filtering for the API, kept apart from kit.api: DRF imports the filter backend
while it is still loading its own views."""

from __future__ import annotations

from datetime import UTC

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
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


class UtcDateTimeField(forms.DateTimeField):
    """A date-time with any ISO offset, given back in UTC; one that UTC cannot hold
    (year 1 at +01:00, year 9999 at -01:00) is refused, not crashed on."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(_("This date-time is out of range once read in UTC."), code="out_of_range") from None


class UtcDateTimeFilter(django_filters.DateTimeFilter):
    """The API's one date-time filter: reads any ISO offset but queries in UTC, since
    PostgreSQL refuses offsets past ±15:59 that Python accepts; 400 when out of range."""

    field_class = UtcDateTimeField


class StrictFilterSet(django_filters.FilterSet):
    """Filters that refuse a value they cannot read (400) rather than ignore it."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.DateTimeField: {"filter_class": UtcDateTimeFilter},
    }


class StrictFilterBackend(DjangoFilterBackend):
    filterset_base = StrictFilterSet
