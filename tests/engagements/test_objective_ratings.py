"""Objective ratings stay within 0–10: the services refuse, and so does the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements import services
from engagements.models import Engagement, Objective
from tests.conftest import engagement_in


def add(engagement, coach, baseline_rating):
    return services.add_objective(
        engagement=engagement,
        statement="Hold one-to-ones every week",
        success_measure="Four one-to-ones a month",
        baseline_rating=baseline_rating,
        by=coach,
    )


@pytest.mark.parametrize("rating", [0, 10])
def test_baseline_rating_at_the_bounds_is_accepted(exploratory, alice, rating):
    objective = add(exploratory, alice, rating)

    assert objective.baseline_rating == rating


@pytest.mark.parametrize("rating", [-1, 11])
def test_baseline_rating_outside_0_10_is_refused_by_validation(exploratory, alice, rating):
    with pytest.raises(ValidationError) as refused:
        add(exploratory, alice, rating)

    assert "baseline_rating" in refused.value.message_dict
    assert not Objective.objects.exists()


@pytest.mark.parametrize("rating", [-1, 11])
def test_final_rating_outside_0_10_is_refused_by_validation(alice, carol, rating):
    engagement = engagement_in(Engagement.State.ASSESSMENT, alice, carol)
    objective = engagement.objectives.get()

    with pytest.raises(ValidationError):
        services.evaluate_objective(
            objective=objective, final_rating=rating, outcome=Objective.Outcome.ACHIEVED, by=alice
        )

    objective.refresh_from_db()
    assert objective.final_rating is None


def test_database_refuses_a_baseline_rating_above_10(active):
    with pytest.raises(IntegrityError, match="baseline_rating_0_10"), transaction.atomic():
        Objective.objects.filter(engagement=active).update(baseline_rating=11)


def test_database_refuses_a_negative_baseline_rating(active):
    with pytest.raises(IntegrityError), transaction.atomic():
        Objective.objects.filter(engagement=active).update(baseline_rating=-1)


def test_database_refuses_a_final_rating_above_10(active):
    with pytest.raises(IntegrityError, match="final_rating_0_10"), transaction.atomic():
        Objective.objects.filter(engagement=active).update(final_rating=11, outcome=Objective.Outcome.ACHIEVED)


def test_database_refuses_a_bulk_created_rating_above_10(active):
    bad = Objective(engagement=active, statement="x", success_measure="y", baseline_rating=12)

    with pytest.raises(IntegrityError, match="baseline_rating_0_10"), transaction.atomic():
        Objective.objects.bulk_create([bad])


def test_database_refuses_a_half_written_evaluation(active):
    with pytest.raises(IntegrityError, match="objective_evaluation_whole"), transaction.atomic():
        Objective.objects.filter(engagement=active).update(final_rating=8)
