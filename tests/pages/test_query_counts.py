"""Every page costs the same number of queries with 1 and with 30 rows of each kind."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagements import services
from engagements.models import Engagement
from sessions_grow import services as grow
from tests.conftest import activate, open_for
from tests.factories import CertificationFactory, CoachFactory
from tests.pages.conftest import client_for


class World:
    """alice's practice, grown row by row: engagements with carol, objectives, sessions,
    agreed actions on one held session, coaches with certifications."""

    def __init__(self, alice, carol, ada) -> None:
        self.alice, self.carol, self.ada = alice, carol, ada
        services.update_coach(coach=alice.coach, capacity=100, by=ada)
        self.main = activate(open_for(alice, carol, title="Main"), alice)
        self.held = grow.schedule_session(engagement=self.main, scheduled_at=timezone.now() - timedelta(hours=2), by=alice)
        self.held = grow.hold_session(session=self.held, duration_minutes=60, share_summary=True, summary="ok", by=alice)
        self.size = 0
        self.grow_to(1)

    def grow_to(self, n: int) -> None:
        alice, today = self.alice, timezone.localdate()
        for i in range(self.size, n):
            if i:
                engagement = activate(open_for(alice, self.carol, title=f"Engagement {i}"), alice)
                services.add_objective(engagement=self.main, statement=f"Objective {i}", success_measure="m", baseline_rating=2, by=alice)
            else:
                engagement = self.main
            grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() + timedelta(hours=1, minutes=i), by=alice)
            grow.agree_action(session=self.held, title=f"Action {i}", owner=self.carol, due_on=today + timedelta(days=3), by=alice)
            CertificationFactory(coach=CoachFactory(user__username=f"coach{i}"))
        self.size = n


def pages(world: World) -> list[tuple[str, object]]:
    main, held = world.main, world.held
    return [
        ("/", world.alice),
        (f"/engagements/{main.public_id}/", world.alice),
        (f"/engagements/{main.public_id}/", world.carol),
        (f"/engagements/{main.public_id}/", world.ada),
        (f"/engagements/{main.public_id}/exploratory/", world.alice),
        (f"/engagements/{main.public_id}/assessment/", world.alice),
        (f"/engagements/{main.public_id}/sessions/new/", world.alice),
        ("/engagements/new/", world.alice),
        (f"/sessions/{held.public_id}/", world.alice),
        (f"/sessions/{held.public_id}/", world.carol),
        ("/my/", world.carol),
        ("/roster/", world.ada),
        (f"/roster/{world.alice.coach.public_id}/", world.ada),
        ("/", world.ada),
    ]


def count(url: str, user) -> int:
    client = client_for(user)
    client.get(url)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_cost_the_same_queries_with_1_and_30_rows(alice, carol, ada):
    world = World(alice, carol, ada)
    with_one = {(url, user.username): count(url, user) for url, user in pages(world)}

    world.grow_to(30)

    with_thirty = {(url, user.username): count(url, user) for url, user in pages(world)}
    assert with_thirty == with_one
    assert Engagement.objects.count() == 30 and world.held.agreed_items.count() == 30
