"""The coach's terms: hours and budget not negative, an ISO currency, known fields only."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagements import services
from engagements.models import Engagement
from tests.conftest import engagement_in


def test_coach_sets_the_terms_with_an_event(exploratory, alice):
    services.set_terms(engagement=exploratory, by=alice, planned_hours=Decimal("10"), budget_currency="CHF")

    exploratory.refresh_from_db()
    assert (exploratory.planned_hours, exploratory.budget_currency) == (Decimal("10"), "CHF")
    assert exploratory.events.last().subject == "terms: planned hours, budget currency"


@pytest.mark.parametrize("hours", [Decimal("-1"), Decimal("0")])
def test_planned_hours_not_positive_are_refused_by_validation(exploratory, alice, hours):
    with pytest.raises(ValidationError):
        services.set_terms(engagement=exploratory, by=alice, planned_hours=hours)

    exploratory.refresh_from_db()
    assert exploratory.planned_hours is None


def test_negative_budget_is_refused_by_validation(exploratory, alice):
    with pytest.raises(ValidationError):
        services.set_terms(engagement=exploratory, by=alice, budget_amount=Decimal("-0.01"))

    exploratory.refresh_from_db()
    assert exploratory.budget_amount is None


def test_zero_budget_is_accepted_for_pro_bono_work(exploratory, alice):
    services.set_terms(engagement=exploratory, by=alice, budget_amount=Decimal("0"))

    exploratory.refresh_from_db()
    assert exploratory.budget_amount == Decimal("0")


def test_database_refuses_negative_planned_hours(exploratory):
    with pytest.raises(IntegrityError, match="engagement_planned_hours_positive"), transaction.atomic():
        Engagement.objects.filter(pk=exploratory.pk).update(planned_hours=Decimal("-2"))


def test_database_refuses_a_negative_budget(exploratory):
    with pytest.raises(IntegrityError, match="engagement_budget_not_negative"), transaction.atomic():
        Engagement.objects.filter(pk=exploratory.pk).update(budget_amount=Decimal("-5"))


def test_database_refuses_a_bulk_created_engagement_with_negative_hours(alice):
    bad = Engagement(title="Bad", coach=alice.coach, planned_hours=Decimal("-1"))

    with pytest.raises(IntegrityError, match="engagement_planned_hours_positive"), transaction.atomic():
        Engagement.objects.bulk_create([bad])


@pytest.mark.parametrize("currency", ["eur", "EU", "EURO", "E1R", "€"])
def test_bad_currency_code_is_refused(exploratory, alice, currency):
    with pytest.raises(ValidationError) as refused:
        services.set_terms(engagement=exploratory, by=alice, budget_currency=currency)

    assert "budget_currency" in refused.value.message_dict
    exploratory.refresh_from_db()
    assert exploratory.budget_currency == ""


def test_unknown_format_is_refused(exploratory, alice):
    with pytest.raises(ValidationError):
        services.set_terms(engagement=exploratory, by=alice, format="carrier pigeon")


def test_a_field_that_is_not_a_term_is_refused(exploratory, alice):
    with pytest.raises(ValidationError):
        services.set_terms(engagement=exploratory, by=alice, state=Engagement.State.CLOSED)

    exploratory.refresh_from_db()
    assert exploratory.state == Engagement.State.EXPLORATORY


def test_terms_are_frozen_once_the_engagement_is_finished(alice, carol):
    closed = engagement_in(Engagement.State.CLOSED, alice, carol)

    with pytest.raises(services.RuleBroken) as refused:
        services.set_terms(engagement=closed, by=alice, planned_hours=Decimal("20"))

    assert refused.value.code == "wrong_state"


@pytest.mark.parametrize("person", ["bob", "ada", "carol"])
def test_only_the_coach_sets_the_terms(exploratory, request, person):
    with pytest.raises(PermissionDenied):
        services.set_terms(engagement=exploratory, by=request.getfixturevalue(person), planned_hours=Decimal("5"))
