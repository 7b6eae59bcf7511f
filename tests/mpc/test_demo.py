"""The demo seeding goes through the services and leaves each engagement where promised."""

import uuid
from datetime import timedelta

from django.utils import timezone

from mpc.demo import seed_mpc_demo
from mpc.models import CheckIn, Milestone, Mission, Stage
from tests.conftest import activate, open_for
from tests.pages.conftest import client_for


def statuses(engagement) -> list[str]:
    return list(Stage.objects.filter(engagement=engagement).values_list("status", flat=True))


def test_the_demo_fills_an_individual_and_a_team_engagement(alice, bob, carol, dave, frank):
    today = timezone.localdate()
    # Opened a month ago, as the demo's are: one milestone is three days overdue, and
    # nothing in MPC is dated before the engagement opened.
    opened_on = today - timedelta(days=30)
    individual = activate(open_for(alice, carol, uses_mpc=True, opened_on=opened_on), alice)
    team = activate(open_for(bob, dave, frank, uses_mpc=True, opened_on=opened_on), bob)

    seed_mpc_demo(individual=individual, team=team, coach_user=alice, team_coach_user=bob)

    assert statuses(individual) == ["done"] * 6 + ["in_progress"]
    assert statuses(team) == ["done"] * 3 + ["in_progress"] + ["not_started"] * 3
    assert CheckIn.objects.filter(engagement=individual).count() == 1
    for engagement in (individual, team):
        milestones = Milestone.objects.filter(goal__engagement=engagement)
        assert milestones.due_within(days=1, today=today).filter(due_on=today + timedelta(days=1)).exists()
        assert milestones.due_within(days=7, today=today).filter(due_on=today + timedelta(days=7)).exists()
        assert milestones.overdue(today=today).exists()


def test_the_demos_individual_engagement_reaches_the_mission_complete_through_its_pages(alice, bob, carol, dave, frank):
    today = timezone.localdate()
    individual = activate(open_for(alice, carol, uses_mpc=True, opened_on=today - timedelta(days=30)), alice)
    team = activate(open_for(bob, dave, frank, uses_mpc=True, opened_on=today - timedelta(days=30)), bob)
    seed_mpc_demo(individual=individual, team=team, coach_user=alice, team_coach_user=bob)
    client = client_for(alice)

    for milestone in Milestone.objects.filter(goal__engagement=individual).pending():
        prefix = f"m{milestone.public_id.hex[:12]}"
        url = f"/engagements/{individual.public_id}/mpc/monitoring/milestone/{milestone.public_id}/"
        assert client.post(url, {f"{prefix}-status": "reached", f"{prefix}-progress": 100}).status_code == 302
    done = client.post(
        f"/engagements/{individual.public_id}/mpc/7/complete/",
        {"complete-token": uuid.uuid4(), "complete-completed_on": today.isoformat(), "complete-closing_note": "The branch runs."},
    )

    assert done.status_code == 302
    assert statuses(individual) == ["done"] * 7
    assert Mission.objects.get(engagement=individual).is_complete
