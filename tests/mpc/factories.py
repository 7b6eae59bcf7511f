"""factory-boy factories for plain MPC rows (constraint tests, reminder fixtures).
Where a rule applies, build through mpc.services instead: see `tests/mpc/conftest.py`."""

from datetime import date
from decimal import Decimal

import factory

from mpc.models import AuditRating, Goal, Milestone, Stage


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    number = Stage.Number.PERSON_AUDIT


class AuditRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRating

    area = AuditRating.Area.KNOWLEDGE
    rating = 5
    required = 7


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Grow turnover {n}")
    kind = Goal.Kind.QUANTITATIVE
    metric = "turnover"
    unit = "EUR"
    baseline = Decimal("100000")
    target = Decimal("150000")
    deadline = date(2026, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = date(2026, 6, 30)
