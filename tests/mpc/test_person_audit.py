"""Stage 1: the person audit (gaps computed) or, in team coaching, the team audit."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements.services import NOT_A_PARTICIPANT, RuleBroken
from mpc import services
from mpc.models import AuditRating, TeamObservation
from tests.mpc.conftest import stage
from tests.mpc.factories import AuditRatingFactory

Area = AuditRating.Area


def test_the_gap_to_what_the_project_requires_is_computed(individual, alice):
    audit = services.rate_person(engagement=individual, area=Area.KNOW_HOW, rating=4, required=8, by=alice)
    above = services.rate_person(engagement=individual, area=Area.VALUES, rating=9, required=6, by=alice)

    assert (audit.gap, audit.level) == (4, "professional")
    assert (above.gap, above.level) == (-3, "personal")


def test_rating_an_area_again_replaces_it(individual, alice):
    services.rate_person(engagement=individual, area=Area.KNOWLEDGE, rating=4, required=8, by=alice)

    services.rate_person(engagement=individual, area=Area.KNOWLEDGE, rating=6, required=8, notes="Trained", by=alice)

    assert individual.audit_ratings.get().rating == 6


def test_a_rating_outside_0_to_10_is_refused_by_field(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.rate_person(engagement=individual, area=Area.BEHAVIOUR, rating=11, required=7, by=alice)

    assert "rating" in refused.value.message_dict
    assert not individual.audit_ratings.exists()


def test_an_unknown_area_is_refused(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.rate_person(engagement=individual, area="charisma", rating=5, required=7, by=alice)

    assert "area" in refused.value.message_dict


def test_the_database_keeps_ratings_in_range(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRatingFactory(engagement=individual, rating=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRatingFactory(engagement=individual, required=-1)


def test_the_database_keeps_one_rating_per_area(individual):
    AuditRatingFactory(engagement=individual)

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRatingFactory(engagement=individual)


def test_a_team_is_audited_as_a_team_on_the_same_areas_with_its_gaps(team, bob):
    rating = services.rate_person(engagement=team, area=Area.KNOW_HOW, rating=4, required=8, by=bob)

    assert rating.gap == 4 and rating.is_weak_point
    assert stage(team, 1).name == "Team audit"
    assert "team as it works now" in stage(team, 1).checklist()[0].needs


def test_an_individual_engagement_has_no_team_audit(individual, alice):
    with pytest.raises(RuleBroken) as refused:
        services.observe_team(engagement=individual, aspect="trust", observation="-", by=alice)

    assert refused.value.code == "wrong_kind"


def test_the_team_audit_is_incomplete_until_every_area_is_rated_and_every_member_observed(team, bob, dave):
    services.observe_team(engagement=team, aspect="initiative", observation="Proposes ideas.", member=dave, by=bob)
    services.rate_person(engagement=team, area=Area.KNOWLEDGE, rating=5, required=7, by=bob)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(team, 1), by=bob)

    assert "stage 1 (team audit) is incomplete" in refused.value.detail
    assert "no rating yet for know-how, behaviour, values, life balance" in refused.value.detail
    assert "no observation yet of Frank Member, Grace Member" in refused.value.detail
    assert "Dave" not in refused.value.detail


def test_an_observation_of_someone_outside_the_team_is_refused(team, bob, eve):
    with pytest.raises(ValidationError) as refused:
        services.observe_team(engagement=team, aspect="trust", observation="-", member=eve, by=bob)

    assert refused.value.message_dict["member"] == [NOT_A_PARTICIPANT]
    assert not TeamObservation.objects.exists()


def test_the_database_keeps_observation_ratings_in_range(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamObservation.objects.create(engagement=team, aspect="trust", observation="-", rating=12)
