"""Ratings along the way: between the baseline and the final rating, the coach rates where
the client stands, and a coachee rates themself; one rating a person a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engagements import services
from engagements.models import Engagement, ProgressRating
from kit.errors import RuleBroken
from tests.conftest import open_for
from tests.factories import CoacheeFactory


def test_the_coach_and_the_coachee_each_rate_progress(active, alice, carol):
    objective = active.objectives.get()

    services.rate_progress(objective=objective, rating=5, by=alice)
    services.rate_progress(objective=objective, rating=6, by=carol)

    assert sorted(ProgressRating.objects.values_list("person__username", "rating")) == [("alice", 5), ("carol", 6)]


def test_a_second_rating_the_same_day_replaces_the_first(active, alice):
    objective = active.objectives.get()

    services.rate_progress(objective=objective, rating=5, by=alice)
    services.rate_progress(objective=objective, rating=7, by=alice)

    assert list(ProgressRating.objects.values_list("rating", flat=True)) == [7]


def test_progress_is_rated_while_the_coaching_goes_on(exploratory, alice):
    services.add_objective(engagement=exploratory, statement="Lead", success_measure="Led", baseline_rating=2, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.rate_progress(objective=exploratory.objectives.get(), rating=5, by=alice)

    assert refused.value.code == "wrong_state"


def test_nobody_outside_the_engagement_rates_it(active, ada, bob, dave):
    for outsider in (ada, bob, dave):
        with pytest.raises(PermissionDenied):
            services.rate_progress(objective=active.objectives.get(), rating=5, by=outsider)


@pytest.mark.parametrize("days", [1, -400])
def test_a_rating_is_dated_from_the_opening_up_to_today(active, alice, days):
    with pytest.raises(ValidationError):
        services.rate_progress(objective=active.objectives.get(), rating=5, by=alice, rated_on=timezone.localdate() + timedelta(days=days))


def test_a_team_member_reads_the_coachs_ratings_and_their_own_not_anothers(alice, carol):
    member = CoacheeFactory().user
    team = open_for(alice, carol, member, title="Team")
    from tests.conftest import prepare_activation

    prepare_activation(team, alice)
    team = services.transition_engagement(engagement=team, to=Engagement.State.ACTIVE, by=alice)
    objective = team.objectives.get()
    for person, rating in ((alice, 5), (carol, 6), (member, 7)):
        services.rate_progress(objective=objective, rating=rating, by=person)

    assert sorted(ProgressRating.objects.visible_to(carol).values_list("rating", flat=True)) == [5, 6]
    assert sorted(ProgressRating.objects.visible_to(alice).values_list("rating", flat=True)) == [5, 6, 7]
