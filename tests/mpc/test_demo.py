"""The demo seeding goes through the services and leaves each engagement where promised."""

from datetime import timedelta

from django.utils import timezone

from mpc.demo import seed_mpc_demo
from mpc.models import CheckIn, Milestone, Stage
from tests.conftest import activate, open_for


def statuses(engagement) -> list[str]:
    return list(Stage.objects.filter(engagement=engagement).values_list("status", flat=True))


def test_the_demo_fills_an_individual_and_a_team_engagement(alice, bob, carol, dave, frank):
    today = timezone.localdate()
    individual = activate(open_for(alice, carol, uses_mpc=True, opened_on=today), alice)
    team = activate(open_for(bob, dave, frank, uses_mpc=True, opened_on=today), bob)

    seed_mpc_demo(individual=individual, team=team, coach_user=alice, team_coach_user=bob)

    assert statuses(individual) == ["done"] * 6 + ["in_progress"]
    assert statuses(team) == ["done"] * 3 + ["in_progress"] + ["not_started"] * 3
    assert CheckIn.objects.filter(engagement=individual).count() == 1
    for engagement in (individual, team):
        milestones = Milestone.objects.filter(goal__engagement=engagement)
        assert milestones.due_within(days=1, today=today).filter(due_on=today + timedelta(days=1)).exists()
        assert milestones.due_within(days=7, today=today).filter(due_on=today + timedelta(days=7)).exists()
        assert milestones.overdue(today=today).exists()
