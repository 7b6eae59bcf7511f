"""An engagement has one exploratory session, dated on or after its opening."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements import services
from engagements.models import ExploratorySession


def test_coach_records_the_exploratory_session(exploratory, alice):
    session = services.record_exploratory_session(
        engagement=exploratory, held_on=exploratory.opened_on, by=alice, duration_minutes=90, summary="Met."
    )

    assert (session.held_on, session.duration_minutes) == (exploratory.opened_on, 90)
    assert exploratory.events.last().action == "exploratory.recorded"


def test_second_exploratory_session_is_refused(exploratory, alice):
    services.record_exploratory_session(engagement=exploratory, held_on=exploratory.opened_on, by=alice)

    with pytest.raises(services.RuleBroken) as refused:
        services.record_exploratory_session(
            engagement=exploratory, held_on=exploratory.opened_on + timedelta(days=1), by=alice
        )

    assert refused.value.code == "exploratory_exists"
    assert ExploratorySession.objects.count() == 1


def test_exploratory_session_dated_before_the_opening_is_refused(exploratory, alice):
    with pytest.raises(ValidationError) as refused:
        services.record_exploratory_session(
            engagement=exploratory, held_on=exploratory.opened_on - timedelta(days=1), by=alice
        )

    assert "held_on" in refused.value.message_dict
    assert not ExploratorySession.objects.exists()


@pytest.mark.parametrize("minutes", [0, 601])
def test_exploratory_session_duration_out_of_range_is_refused(exploratory, alice, minutes):
    with pytest.raises(ValidationError):
        services.record_exploratory_session(
            engagement=exploratory, held_on=exploratory.opened_on, by=alice, duration_minutes=minutes
        )


def test_exploratory_session_is_refused_once_active(active, alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.record_exploratory_session(engagement=active, held_on=active.opened_on, by=alice)

    assert refused.value.code == "wrong_state"


@pytest.mark.parametrize("person", ["bob", "ada", "carol"])
def test_only_the_coach_records_the_exploratory_session(exploratory, request, person):
    with pytest.raises(PermissionDenied):
        services.record_exploratory_session(
            engagement=exploratory, held_on=exploratory.opened_on, by=request.getfixturevalue(person)
        )
