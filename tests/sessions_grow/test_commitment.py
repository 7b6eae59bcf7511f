"""The client's commitment is rated 1–10: refused outside by validation and by the database."""

from datetime import datetime, timezone

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sessions_grow import services
from sessions_grow.models import CoachingSession

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def scheduled(active, alice) -> CoachingSession:
    return services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)


@pytest.mark.parametrize("commitment", [1, 10])
def test_commitment_at_the_bounds_is_accepted(scheduled, alice, commitment):
    session = services.hold_session(
        session=scheduled, duration_minutes=60, held_at=FIRST_MEETING, by=alice, commitment=commitment
    )

    assert session.commitment == commitment


@pytest.mark.parametrize("commitment", [0, 11])
def test_commitment_outside_1_10_is_refused_when_holding(scheduled, alice, commitment):
    with pytest.raises(ValidationError) as refused:
        services.hold_session(
            session=scheduled, duration_minutes=60, held_at=FIRST_MEETING, by=alice, commitment=commitment
        )

    assert "commitment" in refused.value.message_dict
    scheduled.refresh_from_db()
    assert scheduled.status == CoachingSession.Status.SCHEDULED


@pytest.mark.parametrize("commitment", [0, 11])
def test_commitment_outside_1_10_is_refused_when_amending(scheduled, alice, commitment):
    services.hold_session(session=scheduled, duration_minutes=60, held_at=FIRST_MEETING, by=alice, commitment=7)

    with pytest.raises(ValidationError):
        services.update_session_record(session=scheduled, by=alice, commitment=commitment)

    scheduled.refresh_from_db()
    assert scheduled.commitment == 7


@pytest.mark.parametrize("commitment", [0, 11])
def test_database_refuses_commitment_outside_1_10(scheduled, commitment):
    with pytest.raises(IntegrityError, match="coaching_session_commitment_1_10"), transaction.atomic():
        CoachingSession.objects.filter(pk=scheduled.pk).update(commitment=commitment)


def test_database_refuses_a_bulk_created_session_with_commitment_11(active):
    bad = CoachingSession(engagement=active, number=9, scheduled_at=FIRST_MEETING, commitment=11)

    with pytest.raises(IntegrityError, match="coaching_session_commitment_1_10"), transaction.atomic():
        CoachingSession.objects.bulk_create([bad])
