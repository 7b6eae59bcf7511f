"""The engagement report is a versioned record: the coach produces it at the skills
assessment, the coachees approve it (once) or ask for changes, and a change after that is a
new version; what was approved never changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coaching import reports
from engagements import services
from engagements.models import Engagement, EngagementEvent, EngagementReport
from kit.errors import RuleBroken
from tests.conftest import engagement_in, open_for, prepare_activation, prepare_closing
from tests.factories import CoacheeFactory


@pytest.fixture
def assessed(alice, carol) -> Engagement:
    """alice's engagement with carol in the skills assessment, every objective evaluated."""
    return prepare_closing(engagement_in(Engagement.State.ASSESSMENT, alice, carol), alice)


def test_the_coach_produces_version_1_awaiting_the_coachees_answer(assessed, alice):
    report = reports.produce_report(engagement=assessed, by=alice)

    assert (report.version, report.status) == (1, EngagementReport.Status.PRODUCED)
    assert report.content["evaluation"] == "Carol now delegates and trusts her team."
    assert EngagementEvent.objects.filter(action="report.produced", subject="report version 1").exists()


def test_no_report_before_the_skills_assessment_is_written(alice, carol):
    engagement = engagement_in(Engagement.State.ASSESSMENT, alice, carol)

    with pytest.raises(RuleBroken) as refused:
        reports.produce_report(engagement=engagement, by=alice)

    assert refused.value.code == "objectives_not_evaluated"
    assert "no written evaluation" in refused.value.detail


def test_no_report_while_the_coaching_goes_on(active, alice):
    with pytest.raises(RuleBroken) as refused:
        reports.produce_report(engagement=active, by=alice)

    assert refused.value.code == "wrong_state"


def test_only_the_engagements_coach_produces_it(assessed, ada, bob, carol):
    for refused in (ada, bob, carol):
        with pytest.raises(PermissionDenied):
            reports.produce_report(engagement=assessed, by=refused)


def test_the_coachee_approves_it_once(assessed, alice, carol):
    report = reports.produce_report(engagement=assessed, by=alice)

    approved = services.approve_report(report=report, by=carol)
    with pytest.raises(RuleBroken) as twice:
        services.approve_report(report=report, by=carol)

    assert approved.status == EngagementReport.Status.APPROVED and approved.decided_at is not None
    assert twice.value.code == "report_answered"


def test_only_a_coachee_of_the_engagement_answers(assessed, alice, ada, dave):
    report = reports.produce_report(engagement=assessed, by=alice)

    for refused in (alice, ada, dave):
        with pytest.raises(PermissionDenied):
            services.approve_report(report=report, by=refused)


def test_asking_for_changes_needs_words_and_ends_the_version(assessed, alice, carol):
    report = reports.produce_report(engagement=assessed, by=alice)

    with pytest.raises(ValidationError):
        services.ask_for_changes(report=report, changes="  ", by=carol)
    asked = services.ask_for_changes(report=report, changes="Say more about the budget talks.", by=carol)
    with pytest.raises(RuleBroken):
        services.approve_report(report=report, by=carol)

    assert asked.status == EngagementReport.Status.CHANGES_ASKED
    assert asked.changes_asked == "Say more about the budget talks."
    assert not EngagementEvent.objects.filter(reason__contains="budget").exists()  # the words stay on the report


def test_a_change_after_approval_is_a_new_version_and_the_approved_one_stays_as_it_was(assessed, alice, carol):
    first = reports.produce_report(engagement=assessed, by=alice)
    services.approve_report(report=first, by=carol)
    services.transition_engagement(engagement=assessed, to=Engagement.State.CLOSED, by=alice)
    Engagement.objects.filter(pk=assessed.pk).update(evaluation="Rewritten after the fact.")

    second = reports.produce_report(engagement=assessed, by=alice)

    first.refresh_from_db()
    assert first.status == EngagementReport.Status.APPROVED
    assert first.content["evaluation"] == "Carol now delegates and trusts her team."
    assert (second.version, second.status, second.content["evaluation"]) == (2, "produced", "Rewritten after the fact.")


def test_a_new_version_replaces_one_still_awaiting_an_answer(assessed, alice, carol):
    first = reports.produce_report(engagement=assessed, by=alice)

    second = reports.produce_report(engagement=assessed, by=alice)

    first.refresh_from_db()
    assert first.status == EngagementReport.Status.SUPERSEDED
    with pytest.raises(RuleBroken):
        services.approve_report(report=first, by=carol)
    assert services.approve_report(report=second, by=carol).is_approved


def test_in_a_team_the_report_is_approved_once_every_member_has(alice, carol):
    member = CoacheeFactory().user
    team = open_for(alice, carol, member, title="Team")
    prepare_activation(team, alice)
    for step in (Engagement.State.ACTIVE, Engagement.State.ASSESSMENT):
        team = services.transition_engagement(engagement=team, to=step, by=alice)
    prepare_closing(team, alice)
    report = reports.produce_report(engagement=team, by=alice)

    after_one = services.approve_report(report=report, by=carol)
    with pytest.raises(RuleBroken) as again:
        services.approve_report(report=report, by=carol)
    after_all = services.approve_report(report=report, by=member)

    assert after_one.status == EngagementReport.Status.PRODUCED
    assert again.value.code == "already_approved"
    assert after_all.status == EngagementReport.Status.APPROVED


def test_the_database_holds_one_version_awaiting_an_answer(assessed):
    EngagementReport.objects.create(engagement=assessed, version=1, content={}, produced_at=timezone.now())

    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementReport.objects.create(engagement=assessed, version=2, content={}, produced_at=timezone.now())


def test_the_database_refuses_an_answer_without_its_date(assessed):
    with pytest.raises(IntegrityError, match="engagement_report_answer_dated"), transaction.atomic():
        EngagementReport.objects.create(engagement=assessed, version=1, status="approved", content={}, produced_at=timezone.now())


def test_the_report_holds_what_was_shared_and_nothing_else(assessed, alice, carol):
    from sessions_grow.models import CoachingSession, PrivateNote

    session = CoachingSession.objects.create(
        engagement=assessed, number=1, scheduled_at=timezone.now(), status="held", held_at=timezone.now(),
        duration_minutes=90, goal_today="GROW-GOAL", reality_insights="GROW-REALITY", summary="Shared summary", summary_shared=True,
    )
    CoachingSession.objects.create(
        engagement=assessed, number=2, scheduled_at=timezone.now(), status="held", held_at=timezone.now(),
        duration_minutes=30, summary="UNSHARED-SUMMARY",
    )
    PrivateNote.objects.create(session=session, author=alice, body="PRIVATE-NOTE")

    content = reports.produce_report(engagement=assessed, by=alice).content

    text = str(content)
    assert "Shared summary" in text
    for secret in ("GROW-GOAL", "GROW-REALITY", "UNSHARED-SUMMARY", "PRIVATE-NOTE"):
        assert secret not in text
    assert (content["sessions_held"], content["hours_used"]) == (2, "2.00")
    assert content["objectives"][0] | {"own": []} == {
        "position": 1, "statement": "Delegate the weekly reporting", "success_measure": "Two reports a month written by the team",
        "baseline": 3, "final": 8, "change": 5, "outcome": "Achieved", "own": [],
    }
