"""The engagement report is a copy of an engagement's text: a coachee's export holds it,
with their consents; their erasure takes it (or, in a team, their name and own ratings) too."""

from __future__ import annotations

import json

from coaching import privacy, reports
from engagements import services
from engagements.models import Engagement, EngagementReport
from tests.conftest import open_for, prepare_activation, prepare_closing
from tests.factories import CoacheeFactory


def closed_with_report(alice, *coachees) -> tuple[Engagement, EngagementReport]:
    engagement = open_for(alice, *coachees, title="Leadership" if len(coachees) == 1 else "Team")
    prepare_activation(engagement, alice)
    for step in (Engagement.State.ACTIVE, Engagement.State.ASSESSMENT):
        engagement = services.transition_engagement(engagement=engagement, to=step, by=alice)
    for person in coachees:
        services.rate_myself(objective=engagement.objectives.get(), rating=5, by=person)
    prepare_closing(engagement, alice)
    engagement = services.transition_engagement(engagement=engagement, to=Engagement.State.CLOSED, by=alice)
    report = reports.produce_report(engagement=engagement, by=alice)
    for person in coachees:
        services.approve_report(report=report, by=person)
    return engagement, report


def test_the_export_holds_the_reports_and_the_consents(alice, carol):
    engagement, _ = closed_with_report(alice, carol)
    services.give_consent(engagement=engagement, by=carol)

    exported = json.loads(json.dumps(privacy.export_coachee_data(coachee=carol.coachee, by=carol), default=str))["engagements"][0]

    assert [(r["version"], r["status"]) for r in exported["reports"]] == [(1, "approved")]
    assert exported["reports"][0]["content"]["evaluation"] == "Carol now delegates and trusts her team."
    assert exported["sponsor_consents"][0]["withdrawn_at"] is None


def test_erasing_a_coachee_takes_the_reports_of_their_own_engagements(alice, carol, ada):
    closed_with_report(alice, carol)

    privacy.erase_coachee(coachee=carol.coachee, by=ada)

    assert not EngagementReport.objects.exists()


def test_in_a_team_the_erased_members_name_and_own_ratings_leave_the_report(alice, carol, ada):
    member = CoacheeFactory(user__first_name="Mo", user__last_name="Member").user
    _, report = closed_with_report(alice, carol, member)

    privacy.erase_coachee(coachee=carol.coachee, by=ada)

    report.refresh_from_db()
    assert sorted(report.content["coachees"]) == ["Mo Member", "[erased]"]
    assert [own["person"] for own in report.content["objectives"][0]["own"]] == ["Mo Member"]
    assert "Carol" not in json.dumps(report.content["coachees"])
