"""MPC engagements and their stages, filled through mpc.services.

`individual` is alice's MPC engagement with carol; `team` is bob's MPC team
engagement with dave, frank and grace. `complete_through(engagement, coach, n)`
fills and marks done stages 1..n, the way a coach would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from engagements.models import ActionItem, ActionPlan, Engagement, User
from mpc import services
from mpc.models import AuditRating, Factor, Goal, Resource, Stage
from tests.conftest import activate, open_for
from tests.factories import CoacheeFactory

DEADLINE = date(2026, 12, 31)
PERSONAL = ActionPlan.Kind.PERSONAL
PROJECT = ActionPlan.Kind.PROJECT


def stage(engagement: Engagement, number: int) -> Stage:
    return Stage.objects.get(engagement=engagement, number=number)


def members(engagement: Engagement) -> list[User]:
    return [coachee.user for coachee in engagement.coachees.order_by("user__username")]


def start(engagement: Engagement, coach: User) -> Engagement:
    services.start_mpc(engagement=engagement, by=coach)
    return engagement


# --- what each stage needs, written through the services --------------------


def fill_person_audit(engagement: Engagement, coach: User) -> None:
    """Every area rated (the person, or the team as it works now), a gap in each; in
    team coaching an observation of each member too."""
    for area in AuditRating.Area.values:
        services.rate_person(engagement=engagement, area=area, rating=5, required=7, by=coach)
    if engagement.kind == Engagement.Kind.TEAM:
        for member in members(engagement):
            services.observe_team(
                engagement=engagement, aspect="initiative", observation="Takes part.", member=member, rating=6, by=coach
            )


def fill_project_audit(engagement: Engagement, coach: User) -> None:
    services.add_customer(engagement=engagement, name="Retail division", expectations="Weekly figures", by=coach)
    services.add_partner(engagement=engagement, name="IT department", part="Builds the dashboard", by=coach)
    services.add_factor(
        engagement=engagement,
        description="Tight staffing",
        nature=Factor.Nature.HUMAN,
        effect=Factor.Effect.HINDERS,
        weight=4,
        by=coach,
    )


def fill_mission(engagement: Engagement, coach: User) -> None:
    services.define_mission(
        engagement=engagement,
        statement="Make reporting a shared, reliable habit.",
        values="Trust, autonomy",
        aspirations="Lead rather than do",
        by=coach,
    )


def fill_goals(engagement: Engagement, coach: User) -> None:
    owner = members(engagement)[0]
    turnover = services.add_goal(
        engagement=engagement, title="Grow turnover", kind=Goal.Kind.QUANTITATIVE, deadline=DEADLINE,
        metric="turnover", unit="EUR", baseline=Decimal("100000"), target=Decimal("150000"), by=coach,
    )
    atmosphere = services.add_goal(
        engagement=engagement, title="Better team atmosphere", kind=Goal.Kind.QUALITATIVE,
        deadline=DEADLINE, is_human=True, success_sign="People raise problems in the weekly meeting", by=coach,
    )
    services.add_milestone(goal=turnover, title="First 120k quarter", due_on=date(2026, 6, 30), owner=owner, by=coach)
    services.add_milestone(goal=atmosphere, title="Monthly team retro", due_on=date(2026, 9, 30), owner=owner, by=coach)
    services.add_activity_flow(engagement=engagement, name="Weekly reporting", owner=owner, goal=turnover, by=coach)


def fill_resources(engagement: Engagement, coach: User) -> None:
    services.add_resource(engagement=engagement, kind=Resource.Kind.TECHNICAL, name="Dashboard", by=coach)
    services.add_resource(engagement=engagement, kind=Resource.Kind.HUMAN, name="An analyst, half time", by=coach)
    for member in members(engagement):
        services.assign_role(
            engagement=engagement, holder=member, title="Reporting lead", responsibilities="Owns a report", by=coach
        )


def plan_abouts(engagement: Engagement) -> dict[str, object]:
    """What each kind of plan item points at: the records of stages 1 and 3–5."""
    return {
        ActionItem.Category.WEAK_POINT: engagement.audit_ratings.order_by("id").first(),
        ActionItem.Category.MISSION: engagement.mpc_mission,
        ActionItem.Category.GOAL: engagement.mpc_goals.order_by("id").first(),
        ActionItem.Category.ROLE: engagement.mpc_roles.order_by("id").first(),
        ActionItem.Category.RESOURCE: engagement.mpc_resources.order_by("id").first(),
    }


def fill_action_plan(engagement: Engagement, coach: User) -> None:
    people = members(engagement)
    about = plan_abouts(engagement)
    if engagement.kind == Engagement.Kind.INDIVIDUAL:
        for category in (ActionItem.Category.WORK_LIFE, ActionItem.Category.HOBBY, ActionItem.Category.WEAK_POINT):
            services.add_plan_item(
                engagement=engagement, plan_kind=PERSONAL, title=f"Personal: {ActionItem.Category(category).label}", category=category,
                owner=people[0], about=about.get(category), by=coach,
            )
    categories = [c for c in ActionItem.Category.values if c and c not in ("work_life", "hobby", "weak_point", "indicator")]
    for i, category in enumerate(categories):
        services.add_plan_item(
            engagement=engagement, plan_kind=PROJECT, title=f"Project: {ActionItem.Category(category).label}", category=category,
            owner=people[i % len(people)], due_on=date(2026, 10, 1), about=about.get(category), by=coach,
        )
    services.add_control_indicator(
        engagement=engagement, title="Customer complaints a month", owner=people[-1], due_on=date(2026, 10, 1),
        unit="complaints", baseline=Decimal("12"), target=Decimal("4"), direction="down", by=coach,
    )


def open_goals_rated(engagement: Engagement, rating: int = 6) -> dict[Goal, int]:
    """A rating for each qualitative goal still open, as every check-in gives."""
    return {goal: rating for goal in Goal.objects.filter(engagement=engagement).qualitative().still_open()}


FILLERS: dict[int, Callable[[Engagement, User], None]] = {
    1: fill_person_audit,
    2: fill_project_audit,
    3: fill_mission,
    4: fill_goals,
    5: fill_resources,
    6: fill_action_plan,
}


def complete_through(engagement: Engagement, coach: User, last: int) -> None:
    """Fill and mark done stages 1..last (up to 6: monitoring has its own tests)."""
    for number in range(1, last + 1):
        FILLERS[number](engagement, coach)
        services.complete_stage(stage=stage(engagement, number), by=coach)


# --- fixtures ----------------------------------------------------------------


@pytest.fixture
def individual(alice, carol) -> Engagement:
    """alice's active MPC engagement with carol, its seven stages laid out."""
    return start(activate(open_for(alice, carol, uses_mpc=True, title="Reporting"), alice), alice)


@pytest.fixture
def frank(db) -> User:
    return CoacheeFactory(user__username="frank", user__first_name="Frank", user__last_name="Member").user


@pytest.fixture
def grace(db) -> User:
    return CoacheeFactory(user__username="grace", user__first_name="Grace", user__last_name="Member").user


@pytest.fixture
def team(bob, dave, frank, grace) -> Engagement:
    """bob's active MPC team engagement with dave, frank and grace, stages laid out."""
    return start(activate(open_for(bob, dave, frank, grace, uses_mpc=True, title="Sales team"), bob), bob)


@pytest.fixture
def monitored(individual, alice) -> Engagement:
    """The individual engagement with stages 1–6 done: monitoring may begin."""
    complete_through(individual, alice, 6)
    return individual
