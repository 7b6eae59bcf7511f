"""MPC stage pages: scoped lookups, refusals with their reason, field errors, query counts."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements.models import ActionPlan
from mpc import services
from mpc.models import Customer, Goal
from tests.mpc.conftest import individual  # noqa: F401 — the fixture
from tests.pages.conftest import client_for

DUE = date(2026, 12, 1)


def urls(engagement) -> list[str]:
    base = f"/engagements/{engagement.public_id}/mpc/"
    return [base] + [f"{base}{n}/" for n in range(1, 8)]


@pytest.mark.parametrize("outsider", ["eve", "bob"])
def test_outsiders_get_404_on_every_mpc_page(individual, outsider, request):  # noqa: F811
    client = client_for(request.getfixturevalue(outsider))
    base = f"/engagements/{individual.public_id}/mpc/"

    answers = {url: client.get(url).status_code for url in urls(individual)}
    answers |= {url: client.post(url, {"to": "done"}).status_code for url in (f"{base}start/", f"{base}2/move/", f"{base}2/customer/")}

    assert set(answers.values()) == {404}, answers


def test_the_coach_sees_every_stage(individual, alice):  # noqa: F811
    client = client_for(alice)

    assert {client.get(url).status_code for url in urls(individual)} == {200}


def test_a_refused_stage_completion_shows_its_reason(individual, alice):  # noqa: F811
    response = client_for(alice).post(f"/engagements/{individual.public_id}/mpc/2/move/", {"to": "done"}, follow=True)

    html = response.content.decode()
    assert "Refused:" in html and "no customer yet" in html


def test_a_stage_form_keeps_the_input_and_adds_once(individual, alice):  # noqa: F811
    client = client_for(alice)
    url = f"/engagements/{individual.public_id}/mpc/2/customer/"
    token = uuid.uuid4()

    bad = client.post(url, {"customer-token": token, "customer-name": "Lyon retailers", "customer-expectations": ""})
    client.post(url, {"customer-token": token, "customer-name": "Lyon retailers", "customer-expectations": "Delivery in 48 h"})
    client.post(url, {"customer-token": token, "customer-name": "Lyon retailers", "customer-expectations": "Delivery in 48 h"})

    assert bad.status_code == 422 and 'value="Lyon retailers"' in bad.content.decode()
    assert "This field is required" in bad.content.decode()
    assert Customer.objects.filter(engagement=individual).count() == 1


def grow_to(engagement, coach, start: int, end: int) -> None:
    for i in range(start, end):
        services.add_customer(engagement=engagement, name=f"Customer {i}", expectations="x", by=coach)
        services.add_partner(engagement=engagement, name=f"Partner {i}", part="x", by=coach)
        goal = services.add_goal(
            engagement=engagement, title=f"Goal {i}", kind=Goal.Kind.QUALITATIVE, success_sign="Calm", deadline=DUE, by=coach
        )
        services.add_milestone(goal=goal, title=f"Milestone {i}", due_on=DUE, by=coach)
        services.add_resource(engagement=engagement, kind="technical", name=f"Tool {i}", by=coach)
        services.add_plan_item(
            engagement=engagement, plan_kind=ActionPlan.Kind.PROJECT, title=f"Step {i}", category="goal", about=goal, by=coach
        )
        services.add_control_indicator(
            engagement=engagement, title=f"Indicator {i}", due_on=DUE, unit="%", baseline=10, target=20, direction="up", by=coach
        )


PORTAL_QUERIES = 19


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_mpc_pages_cost_the_same_queries_with_1_and_30_rows(individual, alice, carol):  # noqa: F811
    coach, coachee = client_for(alice), client_for(carol)
    pages = urls(individual) + [f"/engagements/{individual.public_id}/"]
    grow_to(individual, alice, 0, 1)
    with_one = {url: count(coach, url) for url in pages} | {"/my/": count(coachee, "/my/")}

    grow_to(individual, alice, 1, 30)

    assert {url: count(coach, url) for url in pages} | {"/my/": count(coachee, "/my/")} == with_one
    # The coachee's portal of an MPC engagement: the charts' goals, milestones, ratings and
    # sessions serve its lists too (26 here before they were shared).
    assert with_one["/my/"] <= PORTAL_QUERIES, with_one["/my/"]
