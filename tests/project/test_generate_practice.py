"""The practice generator behind the benchmarks: the counts asked for, valid rows, and
the same practice again for the same seed and day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from coaching.generate import Scale, generate_practice
from engagements.models import Coach, Coachee, Engagement, User
from mpc.models import Milestone

DAY = date(2026, 11, 2)
TINY = Scale(coaches=2, coachees=10, milestones=50, due=5, seed=7)


def snapshot() -> tuple[list, list]:
    return (
        list(User.objects.order_by("username").values_list("username", "public_id", "role")),
        list(Milestone.objects.order_by("title").values_list("title", "public_id", "due_on", "status", "progress", "goal__engagement__title")),
    )


def generated(scale: Scale) -> tuple[list, list]:
    """Generate, read back, and roll the practice away again."""
    with transaction.atomic():
        generate_practice(scale=scale, today=DAY)
        seen = snapshot()
        transaction.set_rollback(True)
    return seen


def test_the_command_generates_the_counts_asked_for(db, capsys):
    call_command("generate_practice", "--coaches", "2", "--coachees", "10", "--milestones", "50", "--due", "5", "--seed", "7")

    assert (Coach.objects.count(), Coachee.objects.count(), Engagement.objects.count(), Milestone.objects.count()) == (2, 10, 10, 50)
    due = Milestone.objects.pending().filter(due_on__lte=date.today() + timedelta(days=7))
    assert due.count() == 5
    assert "50 milestones" in capsys.readouterr().out


def test_the_same_seed_and_day_give_the_same_practice(db):
    first = generated(TINY)

    again = generated(TINY)
    other = generated(Scale(coaches=2, coachees=10, milestones=50, due=5, seed=8))

    assert again == first and len(first[1]) == 50
    assert other[1] != first[1]


def test_the_command_refuses_a_database_that_holds_people(alice):
    with pytest.raises(CommandError, match="already holds users"):
        call_command("generate_practice", "--coaches", "2", "--coachees", "10", "--milestones", "50")
