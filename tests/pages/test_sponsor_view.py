"""The sponsor contact's read-only view, pages and API alike: the default (state, terms,
hours, objectives' titles), more only with every coachee's consent, 404 for anything else,
and never the content of a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coaching import reports
from engagements import services
from engagements.models import Engagement
from sessions_grow import services as grow
from tests.conftest import client_for as api_client_for
from tests.conftest import prepare_closing
from tests.pages.conftest import client_for

# Planted where a sponsor must never read it.
SECRETS = {
    "private note": "PRIVATE-NOTE-7f3a",
    "GROW goal": "GROW-GOAL-7f3a",
    "GROW reality": "GROW-REALITY-7f3a",
    "GROW options": "GROW-OPTIONS-7f3a",
    "unshared summary": "UNSHARED-SUMMARY-7f3a",
    "unshared exploratory summary": "UNSHARED-EXPLORATORY-7f3a",
}


@pytest.fixture
def closed(sponsored, alice, carol):
    """The sponsored engagement, with sessions full of what must stay between coach and
    client, closed with a report carol approved (she has not consented yet)."""
    services.revise_exploratory_session(engagement=sponsored, summary=SECRETS["unshared exploratory summary"], summary_shared=False, by=alice)
    first = grow.schedule_session(engagement=sponsored, scheduled_at=timezone.now() - timedelta(hours=3), by=alice)
    grow.hold_session(
        session=first, duration_minutes=90, goal_today=SECRETS["GROW goal"], reality_insights=SECRETS["GROW reality"],
        options_explored=SECRETS["GROW options"], summary="Carol chose to delegate the Monday report.", share_summary=True, by=alice,
    )
    grow.write_private_note(session=first, body=SECRETS["private note"], by=alice)
    second = grow.schedule_session(engagement=sponsored, scheduled_at=timezone.now() - timedelta(hours=1), by=alice)
    grow.hold_session(session=second, duration_minutes=60, summary=SECRETS["unshared summary"], share_summary=False, by=alice)
    services.rate_progress(objective=sponsored.objectives.get(), rating=6, by=alice)
    engagement = services.transition_engagement(engagement=sponsored, to=Engagement.State.ASSESSMENT, by=alice)
    prepare_closing(engagement, alice)
    engagement = services.transition_engagement(engagement=engagement, to=Engagement.State.CLOSED, by=alice)
    report = reports.produce_report(engagement=engagement, by=alice)
    services.approve_report(report=report, by=carol)
    return engagement, report


def sponsor_responses(sam, engagement, report) -> dict[str, tuple[int, bytes]]:
    page, api = client_for(sam), api_client_for(sam)
    urls = {
        "home": (page, "/sponsor/"),
        "engagement": (page, f"/sponsor/engagements/{engagement.public_id}/"),
        "report": (page, f"/reports/{report.public_id}/"),
        "report pdf": (page, f"/reports/{report.public_id}/pdf/"),
        "api list": (api, "/api/v1/sponsor/engagements/"),
        "api engagement": (api, f"/api/v1/sponsor/engagements/{engagement.public_id}/"),
        "api report": (api, f"/api/v1/engagement-reports/{report.public_id}/"),
        "api reports": (api, "/api/v1/engagement-reports/"),
    }
    return {name: (client.get(url).status_code, client.get(url).content) for name, (client, url) in urls.items()}


def test_without_consent_the_sponsor_reads_the_default_and_the_report_is_not_found(closed, sam):
    engagement, report = closed

    answers = sponsor_responses(sam, engagement, report)

    assert {name: status for name, (status, _) in answers.items()} == {
        "home": 200, "engagement": 200, "report": 404, "report pdf": 404,
        "api list": 200, "api engagement": 200, "api report": 404, "api reports": 200,
    }
    page = answers["engagement"][1].decode()
    assert "Delegate the weekly reporting" in page and "3600" in page and "2.50 used of 12 planned" in page
    assert "Hours used against planned" in page
    assert "Objective 1:" not in page  # no ratings chart
    detail = api_client_for(sam).get(f"/api/v1/sponsor/engagements/{engagement.public_id}/").json()
    assert (detail["consented"], detail["ratings"], detail["approved_report"]) == (False, None, None)
    assert api_client_for(sam).get("/api/v1/engagement-reports/").json()["count"] == 0


def test_with_consent_the_sponsor_reads_the_ratings_and_the_approved_report(closed, sam, carol):
    engagement, report = closed
    services.give_consent(engagement=engagement, by=carol)

    answers = sponsor_responses(sam, engagement, report)

    assert {status for status, _ in answers.values()} == {200}
    page = answers["engagement"][1].decode()
    assert "Objective 1: Delegate the weekly reporting" in page
    assert f"/reports/{report.public_id}/" in page
    assert "Carol chose to delegate the Monday report." in answers["report"][1].decode()  # shared, approved, consented
    detail = api_client_for(sam).get(f"/api/v1/sponsor/engagements/{engagement.public_id}/").json()
    assert detail["ratings"][0]["final_rating"] == 8
    assert detail["ratings"][0]["along_the_way"][0]["rating"] == 6
    assert detail["approved_report"] == str(report.public_id)


@pytest.mark.parametrize("consented", [False, True])
def test_no_sponsor_response_carries_session_content(closed, sam, carol, consented):
    engagement, report = closed
    if consented:
        services.give_consent(engagement=engagement, by=carol)

    answers = sponsor_responses(sam, engagement, report)

    for name, (_, body) in answers.items():
        for what, secret in SECRETS.items():
            assert secret.encode() not in body, f"the {what} shows in the sponsor's {name}"


def test_a_withdrawn_consent_holds_from_the_next_request(closed, sam, carol):
    engagement, report = closed
    services.give_consent(engagement=engagement, by=carol)
    page, api = client_for(sam), api_client_for(sam)
    assert page.get(f"/reports/{report.public_id}/").status_code == 200

    client_for(carol).post(f"/my/engagements/{engagement.public_id}/consent/withdraw/")

    assert page.get(f"/reports/{report.public_id}/").status_code == 404
    assert page.get(f"/reports/{report.public_id}/pdf/").status_code == 404
    assert api.get(f"/api/v1/engagement-reports/{report.public_id}/").status_code == 404
    assert api.get(f"/api/v1/sponsor/engagements/{engagement.public_id}/").json()["ratings"] is None


def test_a_sponsor_gets_404_for_every_other_page_of_the_engagement(closed, sam):
    engagement, report = closed
    session = engagement.coaching_sessions.first()
    page, api = client_for(sam), api_client_for(sam)

    pages = [f"/engagements/{engagement.public_id}/", f"/sessions/{session.public_id}/", f"/engagements/{engagement.public_id}/assessment/"]
    apis = [f"/api/v1/engagements/{engagement.public_id}/", f"/api/v1/sessions/{session.public_id}/", f"/api/v1/objectives/{engagement.objectives.get().public_id}/"]

    assert {page.get(url).status_code for url in pages} == {404}
    assert {api.get(url).status_code for url in apis} == {404}


def test_another_organisations_sponsor_gets_404(closed, sam):
    from tests.factories import SponsorFactory

    engagement, report = closed
    stranger = SponsorFactory().user

    assert client_for(stranger).get(f"/sponsor/engagements/{engagement.public_id}/").status_code == 404
    assert api_client_for(stranger).get(f"/api/v1/sponsor/engagements/{engagement.public_id}/").status_code == 404


def test_the_coachee_consents_and_withdraws_from_the_portal(sponsored, carol):
    portal = client_for(carol)
    assert "Consent to share ratings, progress and the approved report" in portal.get("/my/").content.decode()

    portal.post(f"/my/engagements/{sponsored.public_id}/consent/")
    shown = portal.get("/my/").content.decode()

    assert "Withdraw my consent" in shown and "Sam Sponsor of Acme follows this engagement" in shown


def test_an_opted_in_sponsor_is_emailed_a_link_when_the_report_is_approved_with_consent(sponsored, alice, carol, sam, django_capture_on_commit_callbacks):
    services.set_report_notice(sponsor=sam.sponsor, notify_on_report=True, by=sam)
    services.give_consent(engagement=sponsored, by=carol)
    engagement = services.transition_engagement(engagement=sponsored, to=Engagement.State.ASSESSMENT, by=alice)
    prepare_closing(engagement, alice)
    report = reports.produce_report(engagement=engagement, by=alice)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report=report, by=carol)

    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    assert f"/sponsor/engagements/{engagement.public_id}/" in mail.outbox[0].body
    assert "Carol now delegates" not in mail.outbox[0].body  # a title and a link, never content


def test_no_email_without_consent_even_with_the_opt_in(sponsored, alice, carol, sam, django_capture_on_commit_callbacks):
    engagement = services.transition_engagement(engagement=sponsored, to=Engagement.State.ASSESSMENT, by=alice)
    prepare_closing(engagement, alice)
    services.set_report_notice(sponsor=sam.sponsor, notify_on_report=True, by=sam)
    report = reports.produce_report(engagement=engagement, by=alice)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report=report, by=carol)

    assert mail.outbox == []


def test_the_sponsors_page_costs_the_same_queries_with_1_and_30_objectives_ratings_and_sessions(sponsored, alice, carol, sam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagements.models import Objective, ProgressRating
    from sessions_grow.models import CoachingSession

    services.give_consent(engagement=sponsored, by=carol)
    page = client_for(sam)
    url = f"/sponsor/engagements/{sponsored.public_id}/"

    def grow_to(n: int) -> int:
        for i in range(sponsored.objectives.count(), n):
            objective = Objective.objects.create(engagement=sponsored, statement=f"Objective {i}", success_measure="m", baseline_rating=2, position=i + 1)
            ProgressRating.objects.create(objective=objective, person=alice, rated_on=timezone.localdate(), rating=4)
            CoachingSession.objects.create(
                engagement=sponsored, number=i + 1, scheduled_at=timezone.now(), held_at=timezone.now(), status="held", duration_minutes=30,
            )
        page.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert page.get(url).status_code == 200
        return len(queries)

    assert grow_to(1) == grow_to(30)
