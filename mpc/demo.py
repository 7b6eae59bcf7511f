"""Demo MPC content, written only through mpc.services so every rule holds in it.

The individual engagement ends with stages 1–6 done and monitoring under way (one
check-in): on its stage 7 page the coach can take it to the mission's completion. The team
engagement ends with stages 1–3 done (the team audited as a team) and its goals being set.
Milestone dates are relative to today: one due tomorrow, one in a week, one overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from engagements.models import ActionItem, ActionPlan, Engagement, User
from mpc import services
from mpc.models import AuditRating, ControlIndicator, Factor, Goal, Milestone, Resource, Stage

Category = ActionItem.Category

AUDIT = {  # area: (rating, required by the project)
    AuditRating.Area.KNOWLEDGE: (7, 8),
    AuditRating.Area.KNOW_HOW: (5, 8),
    AuditRating.Area.BEHAVIOUR: (6, 7),
    AuditRating.Area.VALUES: (8, 7),
    AuditRating.Area.LIFE_BALANCE: (4, 6),
}


def _members(engagement: Engagement) -> list[User]:
    return [coachee.user for coachee in engagement.coachees.order_by("user__last_name", "user__first_name")]


def _complete(engagement: Engagement, number: int, by: User) -> None:
    services.complete_stage(stage=Stage.objects.get(engagement=engagement, number=number), by=by)


def _audit_person(engagement: Engagement, by: User) -> None:
    for area, (rating, required) in AUDIT.items():
        services.rate_person(engagement=engagement, area=area, rating=rating, required=required, by=by)


TEAM_AUDIT = {  # area: (the team as it works now, what the project needs)
    AuditRating.Area.KNOWLEDGE: (6, 7),
    AuditRating.Area.KNOW_HOW: (5, 7),
    AuditRating.Area.BEHAVIOUR: (4, 8),
    AuditRating.Area.VALUES: (7, 7),
    AuditRating.Area.LIFE_BALANCE: (5, 6),
}


def _audit_team(engagement: Engagement, by: User) -> None:
    for area, (rating, required) in TEAM_AUDIT.items():
        services.rate_person(engagement=engagement, area=area, rating=rating, required=required, by=by)
    services.observe_team(
        engagement=engagement, aspect="decision-making", rating=4, by=by,
        observation="Decisions wait for the weekly meeting; nobody feels entitled to decide alone.",
    )
    for member in _members(engagement):
        services.observe_team(
            engagement=engagement, member=member, aspect="initiative", rating=6, by=by,
            observation="Contributes when asked; rarely proposes.",
        )


def _audit_project(engagement: Engagement, by: User) -> None:
    services.add_customer(engagement=engagement, name="Key accounts", expectations="Answers within a day.", by=by)
    services.add_partner(engagement=engagement, name="Logistics", part="Delivers the orders we sign.", by=by)
    for description, nature, effect, weight in [
        ("A CRM the team already knows", Factor.Nature.TECHNICAL, Factor.Effect.EASES, 3),
        ("Two open positions", Factor.Nature.HUMAN, Factor.Effect.HINDERS, 4),
    ]:
        services.add_factor(
            engagement=engagement, description=description, nature=nature, effect=effect, weight=weight, by=by
        )


def _define_mission(engagement: Engagement, by: User) -> None:
    services.define_mission(
        engagement=engagement, statement="Grow the region's sales while keeping a team people want to join.",
        values="Fairness, autonomy", aspirations="Lead by trust rather than control", by=by,
    )


def _set_goals(engagement: Engagement, today: date, by: User) -> list[Milestone]:
    """Two goals and three milestones: due tomorrow, in a week, and three days overdue."""
    owner = _members(engagement)[0]
    turnover = services.add_goal(
        engagement=engagement, title="Grow quarterly turnover", kind=Goal.Kind.QUANTITATIVE,
        deadline=today + timedelta(days=180), metric="turnover", unit="EUR",
        baseline=Decimal("400000"), target=Decimal("480000"), by=by,
    )
    motivation = services.add_goal(
        engagement=engagement, title="A motivated team", kind=Goal.Kind.QUALITATIVE, is_human=True,
        success_sign="People bring their own proposals to the weekly meeting.", deadline=today + timedelta(days=120), by=by,
    )
    return [
        services.add_milestone(goal=goal, title=title, due_on=today + timedelta(days=days), owner=owner, by=by)
        for goal, title, days in [
            (turnover, "Pipeline review with every account", 1),
            (turnover, "Pricing proposal to the director", 7),
            (motivation, "First monthly team retrospective", -3),
        ]
    ]


def _structure(engagement: Engagement, by: User) -> None:
    services.add_activity_flow(engagement=engagement, name="Weekly sales review", owner=_members(engagement)[0], by=by)
    _complete(engagement, 4, by)
    services.add_resource(engagement=engagement, kind=Resource.Kind.TECHNICAL, name="CRM dashboards", by=by)
    services.add_resource(engagement=engagement, kind=Resource.Kind.HUMAN, name="A sales assistant", by=by)
    for member in _members(engagement):
        services.assign_role(
            engagement=engagement, holder=member, title="Regional sales lead",
            responsibilities="Owns the pipeline and the weekly review.", by=by,
        )
    _complete(engagement, 5, by)


def _double_plan(engagement: Engagement, today: date, by: User) -> None:
    """Each item about what it serves: the largest gap, the mission, a goal, the role, a resource."""
    owner = _members(engagement)[0]
    largest_gap = max(engagement.audit_ratings.all(), key=lambda rating: rating.gap)
    personal = [
        (Category.WORK_LIFE, "No email after 8 pm", None),
        (Category.HOBBY, "Back to the Thursday choir", None),
        (Category.WEAK_POINT, "Delegate one report a week", largest_gap),
    ]
    project = [
        (Category.MISSION, "Share the mission with the team", engagement.mpc_mission),
        (Category.GOAL, "Review the goals every month", engagement.mpc_goals.order_by("id").first()),
        (Category.ROLE, "Write the roles down", engagement.mpc_roles.order_by("id").first()),
        (Category.RESOURCE, "Get the assistant's contract signed", engagement.mpc_resources.get(kind=Resource.Kind.HUMAN)),
        (Category.DEADLINE, "Budget submitted", None),
    ]
    for kind, items in [(ActionPlan.Kind.PERSONAL, personal), (ActionPlan.Kind.PROJECT, project)]:
        for days, (category, title, about) in enumerate(items, start=1):
            services.add_plan_item(
                engagement=engagement, plan_kind=kind, title=title, category=category, owner=owner,
                due_on=today + timedelta(days=14 * days), about=about, by=by,
            )
    services.add_control_indicator(
        engagement=engagement, title="Offers answered within a day", owner=owner, due_on=today + timedelta(days=90),
        unit="%", baseline=Decimal("60"), target=Decimal("90"), direction=ControlIndicator.Direction.UP, by=by,
    )
    _complete(engagement, 6, by)


def _seed_individual(engagement: Engagement, today: date, by: User) -> None:
    services.start_mpc(engagement=engagement, by=by)
    for number, fill in enumerate([_audit_person, _audit_project, _define_mission], start=1):
        fill(engagement, by)
        _complete(engagement, number, by)
    milestones = _set_goals(engagement, today, by)
    _structure(engagement, by)
    _double_plan(engagement, today, by)
    turnover, motivation = milestones[0].goal, milestones[2].goal
    offers = ControlIndicator.objects.get(item__plan__engagement=engagement)
    services.record_check_in(
        engagement=engagement, held_on=today, by=by, notes="Pipeline reviewed with half the accounts.",
        readings=[services.Reading(goal=turnover, value=Decimal("424000"), unit="EUR")],
        indicator_readings=[services.IndicatorValue(indicator=offers, value=Decimal("68"), unit="%")],
        ratings={motivation: 5},
        milestone_progress={milestones[0]: 50, milestones[1]: 20},
    )


def _seed_team(engagement: Engagement, today: date, by: User) -> None:
    services.start_mpc(engagement=engagement, by=by)
    for number, fill in enumerate([_audit_team, _audit_project, _define_mission], start=1):
        fill(engagement, by)
        _complete(engagement, number, by)
    _set_goals(engagement, today, by)  # stage 4 stays in progress: no activity flow yet


@transaction.atomic
def seed_mpc_demo(*, individual: Engagement, team: Engagement, coach_user: User, team_coach_user: User) -> None:
    """Fill two active MPC engagements: the individual one into monitoring, the team one at stage 4."""
    today = timezone.localdate()
    _seed_individual(individual, today, coach_user)
    _seed_team(team, today, team_coach_user)
