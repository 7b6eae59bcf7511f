"""Stages 2 and 3: customers, partners, easing or hindering factors; the mission."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements.services import RuleBroken
from mpc import services
from mpc.models import Factor, Mission
from tests.mpc.conftest import complete_through, stage


def test_factors_carry_their_nature_effect_and_weight(individual, alice):
    eases = services.add_factor(
        engagement=individual, description="Supportive director", nature=Factor.Nature.HUMAN,
        effect=Factor.Effect.EASES, weight=3, by=alice,
    )
    hinders = services.add_factor(
        engagement=individual, description="Legacy ERP", nature=Factor.Nature.TECHNICAL,
        effect=Factor.Effect.HINDERS, weight=5, by=alice,
    )

    assert (eases.signed_weight, hinders.signed_weight) == (3, -5)


def test_a_factor_weight_outside_1_to_5_is_refused(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.add_factor(
            engagement=individual, description="Budget", nature=Factor.Nature.TECHNICAL,
            effect=Factor.Effect.HINDERS, weight=9, by=alice,
        )

    assert "weight" in refused.value.message_dict


def test_the_database_keeps_factor_weights_in_range(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.create(engagement=individual, description="x", nature="human", effect="eases", weight=0)


def test_a_customer_needs_their_expectations(individual, alice):
    with pytest.raises(ValidationError) as refused:
        services.add_customer(engagement=individual, name="Board", expectations="", by=alice)

    assert "expectations" in refused.value.message_dict


def test_a_mission_without_the_values_it_integrates_is_incomplete(individual, alice):
    complete_through(individual, alice, 2)
    services.define_mission(engagement=individual, statement="Make reporting a habit.", values="", by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 3), by=alice)

    assert "values it integrates" in refused.value.detail


def test_defining_the_mission_again_rewrites_it(individual, alice):
    services.define_mission(engagement=individual, statement="First draft", values="Trust", by=alice)

    mission = services.define_mission(engagement=individual, statement="Second draft", values="Trust", by=alice)

    assert Mission.objects.get(engagement=individual).statement == "Second draft" == mission.statement
