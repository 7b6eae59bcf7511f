"""Every list endpoint costs the same number of queries for 1 row as for 30."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coaching.api_urls import router
from coaching.tokens import issue_token
from engagements import services
from engagements.models import ActionItem, ActionPlan, Certification, EngagementReport, SupervisionEntry
from mpc import models as mpc
from sessions_grow.models import CoachingSession
from tests.conftest import activate, open_for
from tests.factories import CoacheeFactory, CoachFactory, OrganisationFactory, SponsorFactory

LISTS = [
    "/api/v1/coaches/",
    "/api/v1/certifications/",
    "/api/v1/organisations/",
    "/api/v1/coachees/",
    "/api/v1/engagements/",
    "/api/v1/objectives/",
    "/api/v1/action-plans/",
    "/api/v1/action-items/",
    "/api/v1/sessions/",
    "/api/v1/mpc/stages/",
    "/api/v1/mpc/audit-ratings/",
    "/api/v1/mpc/team-observations/",
    "/api/v1/mpc/customers/",
    "/api/v1/mpc/partners/",
    "/api/v1/mpc/factors/",
    "/api/v1/mpc/missions/",
    "/api/v1/mpc/goals/",
    "/api/v1/mpc/milestones/",
    "/api/v1/mpc/activity-flows/",
    "/api/v1/mpc/resources/",
    "/api/v1/mpc/roles/",
    "/api/v1/mpc/check-ins/",
    "/api/v1/mpc/indicators/",
    "/api/v1/mpc/indicator-readings/",
    "/api/v1/audit-events/",
    "/api/v1/supervision-entries/",
    "/api/v1/auth/tokens/",
    "/api/v1/sponsors/",
    "/api/v1/engagement-reports/",
]
# Lists that are not paged: their own budget test below.
REPORTS = ["/api/v1/reports/coach-hours/"]
# What only a sponsor contact lists: its own budget test below.
SPONSOR_LISTS = ["/api/v1/sponsor/engagements/"]


def grow_practice(alice, ada, count: int) -> None:
    """Add `count` engagements of alice's, each with one row of every kind of content.
    (Rows are written directly: this measures reads, the rules are tested elsewhere.)"""
    alice.coach.capacity = 1000
    alice.coach.save()
    for _ in range(count):
        coachee = CoacheeFactory(organisation=OrganisationFactory())
        engagement = activate(open_for(alice, coachee.user, uses_mpc=True), alice)
        supervisee = CoachFactory(supervisor=alice.coach)
        Certification.objects.create(coach=supervisee, body="EMCC", level="Senior", expires_on=date(2030, 1, 1))
        SupervisionEntry.objects.create(coach=supervisee, supervisor=alice.coach, held_on=date(2026, 2, 1), hours=Decimal("1"))
        session = CoachingSession.objects.create(engagement=engagement, number=1, scheduled_at=timezone.now())
        item = ActionItem.objects.create(plan=engagement.action_plans.get(), title="Do", owner=coachee.user)
        session.agreed_items.add(item)
        mpc.Stage.objects.create(engagement=engagement, number=1)
        mpc.AuditRating.objects.create(engagement=engagement, area="knowledge", rating=4, required=7)
        mpc.TeamObservation.objects.create(engagement=engagement, aspect="trust", observation="Good")
        mpc.Customer.objects.create(engagement=engagement, name="Acme", expectations="Speed")
        mpc.Partner.objects.create(engagement=engagement, name="Supplier", part="Parts")
        mpc.Factor.objects.create(engagement=engagement, description="Budget", nature="technical", effect="hinders", weight=3)
        mpc.Mission.objects.create(engagement=engagement, statement="Open", values="Care")
        goal = mpc.Goal.objects.create(
            engagement=engagement, title="Sales", kind="quantitative", metric="turnover", unit="EUR",
            baseline=Decimal(0), target=Decimal(10), deadline=date(2027, 1, 1),
        )
        mpc.Milestone.objects.create(goal=goal, title="Half", due_on=date(2026, 6, 1), owner=coachee.user)
        mpc.ActivityFlow.objects.create(engagement=engagement, name="Sales flow", owner=coachee.user, goal=goal)
        mpc.Resource.objects.create(engagement=engagement, kind="technical", name="CRM")
        mpc.Role.objects.create(engagement=engagement, holder=coachee.user, title="Lead", responsibilities="All")
        check_in = mpc.CheckIn.objects.create(engagement=engagement, held_on=date(2026, 3, 1))
        mpc.IndicatorReading.objects.create(check_in=check_in, goal=goal, value=Decimal(3), unit="EUR")
        for person in (alice, ada):
            issue_token(user=person, name="another device")
        SponsorFactory(organisation=coachee.organisation)
        EngagementReport.objects.create(
            engagement=engagement, version=1, status="approved", content={"title": "Report"},
            produced_at=timezone.now(), decided_at=timezone.now(),
        )
        project = ActionPlan.objects.create(engagement=engagement, kind="project")
        control = ActionItem.objects.create(plan=project, title="Complaints", category="indicator", owner=coachee.user, due_on=date(2026, 9, 1))
        indicator = mpc.ControlIndicator.objects.create(item=control, unit="a month", baseline=9, target=3, direction="down")
        mpc.ControlReading.objects.create(indicator=indicator, check_in=check_in, value=5, unit="a month", read_on=date(2026, 3, 1))
        mpc.GoalRating.objects.create(check_in=check_in, goal=goal, rating=6)


def test_every_list_endpoint_has_a_query_budget():
    routes = {f"/api/v1/{prefix}/" for prefix, viewset, _ in router.registry if hasattr(viewset, "list")}

    assert routes == set(LISTS) | set(REPORTS) | set(SPONSOR_LISTS)


def queries_for(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content[:200])
    return len(captured), response.json()["count"]


@pytest.mark.parametrize("who", ["ada", "alice"])
def test_list_endpoints_cost_the_same_for_1_and_30_rows(who, alice, ada, api, request):
    client = api(request.getfixturevalue(who))
    grow_practice(alice, ada, 1)
    small = {path: queries_for(client, path) for path in LISTS}

    grow_practice(alice, ada, 29)
    large = {path: queries_for(client, path) for path in LISTS}

    for path in LISTS:
        assert large[path][1] > small[path][1], f"{path} did not grow: {small[path]} → {large[path]}"
        assert large[path][0] == small[path][0], f"{path}: {small[path][0]} queries for {small[path][1]} rows, {large[path][0]} for {large[path][1]}"


def test_the_hours_report_costs_the_same_for_1_and_30_coaches(alice, ada, api):
    client, period = api(ada), {"start": "2026-01-01", "end": "2026-12-31"}
    grow_practice(alice, ada, 1)
    with CaptureQueriesContext(connection) as small:
        few = client.get(REPORTS[0], period).json()

    grow_practice(alice, ada, 29)
    with CaptureQueriesContext(connection) as large:
        many = client.get(REPORTS[0], period).json()

    assert len(many) > len(few)
    assert len(large) == len(small)


def test_the_sponsor_contacts_list_costs_the_same_for_1_and_30_engagements(alice, ada, carol, api):
    alice.coach.capacity = 1000
    alice.coach.save()
    sponsor = SponsorFactory(user__username="sam")
    client = api(sponsor.user)

    def follow(count: int) -> None:
        for _ in range(count):
            engagement = activate(open_for(alice, carol, organisation=sponsor.organisation), alice)
            services.name_sponsor(engagement=engagement, sponsor=sponsor, by=alice)
            services.give_consent(engagement=engagement, by=carol)

    follow(1)
    small = queries_for(client, SPONSOR_LISTS[0])
    follow(29)
    large = queries_for(client, SPONSOR_LISTS[0])

    assert (small[1], large[1]) == (1, 30)
    assert large[0] == small[0]
