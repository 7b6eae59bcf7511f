"""Every detail endpoint costs the same number of queries whether the object holds 1 or
30 of each thing it shows (objectives, co-coaches, milestones, readings …)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagements import services
from engagements.models import ActionItem, Certification, Objective
from mpc import models as mpc
from sessions_grow.models import CoachingSession
from tests.api.test_query_counts import grow_practice
from tests.conftest import activate, open_for
from tests.factories import CoacheeFactory, CoachFactory


class Main:
    """alice's MPC engagement with carol, one row of each kind, grown inside itself."""

    def __init__(self, alice, carol, ada) -> None:
        self.alice, self.ada = alice, ada
        services.update_coach(coach=alice.coach, capacity=100, by=ada)
        self.engagement = activate(open_for(alice, carol, uses_mpc=True, title="Main"), alice)
        e = self.engagement
        self.plan = e.action_plans.get()
        self.session = CoachingSession.objects.create(engagement=e, number=1, scheduled_at=timezone.now())
        self.item = ActionItem.objects.create(plan=self.plan, title="Do", owner=carol)
        self.stage = mpc.Stage.objects.create(engagement=e, number=4)
        self.goal = mpc.Goal.objects.create(
            engagement=e, title="Sales", kind="quantitative", metric="turnover", unit="EUR",
            baseline=Decimal(0), target=Decimal(10), deadline=date(2027, 1, 1),
        )
        self.milestone = mpc.Milestone.objects.create(goal=self.goal, title="First", due_on=date(2026, 6, 1), owner=carol)
        self.check_in = mpc.CheckIn.objects.create(engagement=e, held_on=date(2026, 3, 1))
        self.size = 0

    def grow_to(self, n: int) -> None:
        """Add to the main engagement, its goal, plan, session, check-in and coach until
        each holds `n` of what it shows."""
        e = self.engagement
        for i in range(self.size, n):
            Objective.objects.create(engagement=e, statement=f"Objective {i}", success_measure="m", baseline_rating=2, position=i + 1)
            e.coachees.add(CoacheeFactory())
            services.add_co_coach(engagement=e, coach=CoachFactory(), by=self.ada)
            Certification.objects.create(coach=self.alice.coach, body="EMCC", level=f"Level {i}")
            item = ActionItem.objects.create(plan=self.plan, title=f"Item {i}")
            self.session.agreed_items.add(item)
            milestone = mpc.Milestone.objects.create(goal=self.goal, title=f"Milestone {i}", due_on=date(2026, 7, 1))
            goal = mpc.Goal.objects.create(
                engagement=e, title=f"Goal {i}", kind="quantitative", metric="m", unit="EUR",
                baseline=Decimal(0), target=Decimal(10), deadline=date(2027, 1, 1),
            )
            mpc.IndicatorReading.objects.create(check_in=self.check_in, goal=goal, value=Decimal(i), unit="EUR")
            mpc.MilestoneUpdate.objects.create(check_in=self.check_in, milestone=milestone, progress=10)
        self.size = n

    def paths(self) -> list[str]:
        e, v1 = self.engagement, "/api/v1"
        return [
            f"{v1}/coaches/{self.alice.coach.public_id}/",
            f"{v1}/certifications/{Certification.objects.filter(coach=self.alice.coach).first().public_id}/",
            f"{v1}/coachees/{e.coachees.order_by('id').first().public_id}/",
            f"{v1}/engagements/{e.public_id}/",
            f"{v1}/objectives/{e.objectives.first().public_id}/",
            f"{v1}/action-plans/{self.plan.public_id}/",
            f"{v1}/action-items/{self.item.public_id}/",
            f"{v1}/sessions/{self.session.public_id}/",
            f"{v1}/mpc/stages/{self.stage.public_id}/",
            f"{v1}/mpc/stages/progress/?engagement={e.public_id}",
            f"{v1}/mpc/goals/{self.goal.public_id}/",
            f"{v1}/mpc/milestones/{self.milestone.public_id}/",
            f"{v1}/mpc/check-ins/{self.check_in.public_id}/",
        ]


def content_paths(engagement) -> list[str]:
    """The detail of one row of each kind that shows no nested list: a sponsor, MPC content."""
    kinds = {
        "audit-ratings": mpc.AuditRating, "team-observations": mpc.TeamObservation, "customers": mpc.Customer,
        "partners": mpc.Partner, "factors": mpc.Factor, "missions": mpc.Mission, "activity-flows": mpc.ActivityFlow,
        "resources": mpc.Resource, "roles": mpc.Role,
    }
    organisation = engagement.coachees.get().organisation
    return [f"/api/v1/organisations/{organisation.public_id}/"] + [
        f"/api/v1/mpc/{url}/{model.objects.filter(engagement=engagement).get().public_id}/" for url, model in kinds.items()
    ]


def queries_for(client, path: str) -> int:
    client.get(path)  # warm the content-type and token caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content[:200])
    return len(captured)


@pytest.mark.parametrize("who", ["ada", "alice"])
def test_detail_endpoints_cost_the_same_with_1_and_30_rows_inside(who, alice, carol, ada, api, request):
    client = api(request.getfixturevalue(who))
    main = Main(alice, carol, ada)
    main.grow_to(1)
    grow_practice(alice, ada, 1)
    first = alice.coach.engagements.exclude(pk=main.engagement.pk).order_by("id").first()
    paths = main.paths() + content_paths(first)
    small = {path: queries_for(client, path) for path in paths}

    main.grow_to(30)
    grow_practice(alice, ada, 29)

    large = {path: queries_for(client, path) for path in paths}
    assert large == small
    assert main.engagement.objectives.count() == 31 and main.goal.milestones.count() == 31
