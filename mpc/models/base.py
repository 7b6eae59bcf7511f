"""What every MPC model shares: range and choice checks, amounts, and a list of names.
(Rows reached through their engagement use `engagements.models.EngagementScopedQuerySet`.)"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
AMOUNT = {"max_digits": 16, "decimal_places": 4}


def percent_check(field: str) -> models.CheckConstraint:
    """A database check that a 0–100 progress stays in range."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": 100}), name=f"%(app_label)s_%(class)s_{field}_0_100"
    )


def choices_check(field: str, values: list[str]) -> models.CheckConstraint:
    """A database check that a status-like column holds one of its choices."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}), name=f"%(app_label)s_%(class)s_{field}_valid"
    )


def names(people) -> str:
    return ", ".join(str(person) for person in people)


def unique(*fields: str, name: str, message: str) -> models.UniqueConstraint:
    """A unique constraint that says what is duplicated in the user's words (the page puts
    it beside the last field named, e.g. the name: see mpc.services.stages.save_record)."""
    return models.UniqueConstraint(fields=list(fields), name=name, violation_error_message=message)

