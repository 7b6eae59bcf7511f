"""CoachingSession.objects.visible_to follows the engagement gate."""

from datetime import datetime, timezone

import pytest
from django.contrib.auth.models import AnonymousUser

from sessions_grow import services
from sessions_grow.models import CoachingSession

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)

SEES = {
    "ada": {"Leadership", "Career move"},
    "alice": {"Leadership"},  # not her supervisee bob's
    "bob": {"Career move"},
    "carol": {"Leadership"},
    "dave": {"Career move"},
    "eve": set(),
    "anonymous": set(),
}


@pytest.fixture
def two_sessions(active, bobs, alice, bob):
    services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)
    services.schedule_session(engagement=bobs, scheduled_at=FIRST_MEETING, by=bob)


@pytest.mark.parametrize("name", list(SEES))
def test_sessions_visible_to_each_role(two_sessions, request, name):
    user = AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)

    titles = list(CoachingSession.objects.visible_to(user).values_list("engagement__title", flat=True))

    assert sorted(titles) == sorted(SEES[name])


def test_co_coach_sees_the_sessions_of_the_engagement(co_coached, bobs, alice, bob):
    services.schedule_session(engagement=co_coached, scheduled_at=FIRST_MEETING, by=alice)
    services.schedule_session(engagement=bobs, scheduled_at=FIRST_MEETING, by=bob)

    titles = list(CoachingSession.objects.visible_to(bob).values_list("engagement__title", flat=True))

    assert sorted(titles) == ["Career move", "Leadership"]
