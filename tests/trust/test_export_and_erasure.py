"""A coachee gets their data; an admin erases a coachee for good; retention purges."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coaching import privacy
from engagements import services
from engagements.models import ActionItem, Engagement, EngagementEvent, Objective, User
from sessions_grow.models import CoachingSession, PrivateNote
from tests.conftest import activate, client_for, open_for


def test_the_coachee_downloads_their_data_from_the_portal(held, carol, client):
    client.force_login(carol)

    response = client.get("/my/export/")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    engagement = data["engagements"][0]
    assert data["person"]["username"] == "carol"
    assert engagement["objectives"][0]["statement"] == "Delegate the weekly reporting"
    assert engagement["action_items"][0]["title"] == "Hand over one report"
    assert engagement["sessions"][0]["summary"] == "Shared"


def test_the_export_never_holds_private_notes_or_the_grow_record(held, carol):
    data = json.dumps(privacy.export_coachee_data(coachee=carol.coachee, by=carol), default=str)

    assert "alice's eyes only" not in data
    assert "Delegate" in data  # the objective is theirs
    assert '"goal_today"' not in data


def test_the_export_is_available_through_the_api_to_the_coachee_and_admins(held, carol, dave, ada, bobs):
    path = f"/api/v1/privacy/coachees/{carol.coachee.public_id}/export/"

    assert client_for(carol).get(path).status_code == 200
    assert client_for(ada).get(path).status_code == 200
    assert client_for(dave).get(path).status_code == 404


def test_an_export_is_audited(held, carol):
    privacy.export_coachee_data(coachee=carol.coachee, by=carol)

    assert EngagementEvent.objects.filter(action="coachee.exported", actor=carol).exists()


def close(engagement: Engagement, coach: User) -> None:
    services.transition_engagement(engagement=engagement, to="assessment", by=coach)
    for objective in engagement.objectives.all():
        services.evaluate_objective(objective=objective, final_rating=8, outcome="achieved", by=coach)
    services.write_evaluation(engagement=engagement, evaluation="Carol delegates now.", by=coach)
    services.transition_engagement(engagement=engagement, to="closed", by=coach)


def test_erasure_needs_the_engagements_to_be_over(held, carol, ada):
    with pytest.raises(services.RuleBroken) as refused:
        privacy.erase_coachee(coachee=carol.coachee, by=ada)

    assert refused.value.code == "coachee_has_open_engagement"
    assert User.objects.get(pk=carol.pk).username == "carol"


def test_only_an_admin_erases(held, carol, alice):
    with pytest.raises(PermissionDenied):
        privacy.erase_coachee(coachee=carol.coachee, by=alice)


def test_erasure_removes_identity_and_free_text_but_keeps_the_figures(held, active, carol, alice, ada):
    close(active, alice)

    privacy.erase_coachee(coachee=carol.coachee, by=ada)

    person = User.objects.get(pk=carol.pk)
    assert person.username.startswith("erased-") and not person.email and not person.first_name
    assert not person.has_usable_password() and not person.is_active
    objective = Objective.objects.get(engagement=active)
    assert objective.statement == privacy.ERASED and objective.final_rating == 8
    assert ActionItem.objects.get(plan__engagement=active).title == privacy.ERASED
    session = CoachingSession.objects.get(engagement=active)
    assert session.summary == "" and session.duration_minutes == 60
    assert not PrivateNote.objects.filter(session__engagement=active).exists()
    assert Engagement.objects.get(pk=active.pk).state == "closed"


def test_erasure_is_recorded_without_content(held, active, carol, alice, ada):
    close(active, alice)

    privacy.erase_coachee(coachee=carol.coachee, by=ada)

    event = EngagementEvent.objects.get(action="coachee.erased")
    assert event.actor == ada and "carol" not in event.subject.lower()


def test_the_admin_erases_through_the_api(held, active, carol, alice, ada):
    close(active, alice)

    response = client_for(ada).post(f"/api/v1/privacy/coachees/{carol.coachee.public_id}/erase/")

    assert response.status_code == 204
    assert User.objects.get(pk=carol.pk).username.startswith("erased-")


def test_retention_purges_ended_engagements_after_the_period_and_keeps_the_trail(active, alice, settings):
    settings.TANDEM_RETENTION_MONTHS = 6
    close(active, alice)
    reference = active.public_id

    with time_machine.travel(timezone.now() + timedelta(days=150)):
        assert privacy.purge_ended_engagements() == 0
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        assert privacy.purge_ended_engagements() == 1

    assert not Engagement.objects.filter(public_id=reference).exists()
    trail = EngagementEvent.objects.filter(engagement_ref=reference)
    assert trail.filter(action="engagement.purged").exists()
    assert trail.filter(action="engagement.transition", to_state="closed").exists()


def test_retention_off_by_default_purges_nothing(active, alice, settings):
    close(active, alice)

    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        assert privacy.purge_ended_engagements() == 0


def test_open_engagements_are_never_purged(active, settings):
    settings.TANDEM_RETENTION_MONTHS = 1

    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert privacy.purge_ended_engagements() == 0


def test_the_scheduler_runs_the_retention_purge_daily():
    from coaching.celery import app

    entry = app.conf.beat_schedule["purge-ended-engagements"]

    assert entry["task"] == "coaching.tasks.purge_ended_engagements"
    assert entry["schedule"] == 24 * 3600.0
    app.loader.import_default_modules()  # what a worker does at start
    assert "coaching.tasks.purge_ended_engagements" in app.tasks


def test_a_team_members_export_holds_their_own_items_and_the_teams_not_another_members(alice, carol, dave):
    team = activate(open_for(alice, carol, dave, title="Sales team"), alice)
    plan = services.plan_for(team, "sessions")
    for title, owner in [("Carol's own", carol), ("Dave's own", dave), ("The coach's", alice), ("Everyone's", None)]:
        services.add_action_item(plan=plan, title=title, owner=owner, by=alice)

    data = privacy.export_coachee_data(coachee=carol.coachee, by=carol)

    titles = {item["title"] for item in data["engagements"][0]["action_items"]}
    assert titles == {"Carol's own", "The coach's", "Everyone's"}
    assert "Dave" not in json.dumps(data, default=str)
