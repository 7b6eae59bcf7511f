"""The charts on the coach's engagement page and the coachee's portal, and the ratings
along the way that feed them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from engagements import services
from engagements.models import ProgressRating
from sessions_grow import services as grow
from tests.pages.conftest import client_for


def test_the_coach_rates_progress_from_the_engagement_page(active, alice):
    objective = active.objectives.get()
    field = f"o{objective.public_id.hex[:12]}-rating"

    client_for(alice).post(f"/objectives/{objective.public_id}/progress-rating/", {field: "6"})
    page = client_for(alice).get(f"/engagements/{active.public_id}/").content.decode()

    assert ProgressRating.objects.get().rating == 6
    assert "Objective 1: Delegate the weekly reporting" in page
    assert "Coach, " in page and ": 6</title>" in page


def test_a_refused_rating_says_why(active, alice):
    objective = active.objectives.get()

    response = client_for(alice).post(f"/objectives/{objective.public_id}/progress-rating/", {f"o{objective.public_id.hex[:12]}-rating": "11"}, follow=True)

    assert "Not saved: objective 1." in response.content.decode()
    assert not ProgressRating.objects.exists()


def test_the_coachee_rates_where_they_are_now_once_they_rated_where_they_start(active, carol):
    objective = active.objectives.get()
    portal = client_for(carol)
    assert "Rate where I start" in portal.get("/my/").content.decode()

    services.rate_myself(objective=objective, rating=3, by=carol)
    page = portal.get("/my/").content.decode()
    portal.post(f"/objectives/{objective.public_id}/progress-rating/", {f"o{objective.public_id.hex[:12]}-rating": "5"})

    assert "Rate where I am now" in page
    assert ProgressRating.objects.get().person == carol


def test_the_hours_chart_counts_held_sessions_against_the_planned_hours(active, alice, carol):
    session = grow.schedule_session(engagement=active, scheduled_at=timezone.now() - timedelta(hours=1), by=alice)
    grow.hold_session(session=session, duration_minutes=90, by=alice)

    for user in (alice, carol):
        page = client_for(user).get(f"/engagements/{active.public_id}/" if user == alice else "/my/").content.decode()
        assert "Hours used against planned" in page
        assert "1.5 h used over 1 held session, of 12 h planned." in page
        assert "Planned: 12 h" in page


def test_a_coachee_never_sees_another_team_members_own_ratings(alice, carol, dave):
    from engagements.models import Engagement
    from tests.conftest import open_for, prepare_activation

    team = open_for(alice, carol, dave, title="Team")
    prepare_activation(team, alice)
    team = services.transition_engagement(engagement=team, to=Engagement.State.ACTIVE, by=alice)
    objective = team.objectives.get()
    services.rate_myself(objective=objective, rating=2, by=dave)

    carols = client_for(carol).get("/my/").content.decode()
    alices = client_for(alice).get(f"/engagements/{team.public_id}/").content.decode()

    assert "Dave Client (own)" not in carols
    assert "Dave Client (own)" in alices
