"""The engagement report's pages: the coach produces it at the skills assessment, the
coachee reads it and approves it or asks for changes, and its PDF holds the same text."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from coaching import reports
from engagements import services
from engagements.models import Engagement, EngagementReport
from sessions_grow import services as grow
from tests.conftest import engagement_in, prepare_closing
from tests.pages.conftest import client_for


@pytest.fixture
def assessed(alice, carol) -> Engagement:
    engagement = engagement_in(Engagement.State.ACTIVE, alice, carol)
    session = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(hours=2), by=alice)
    grow.hold_session(
        session=session, duration_minutes=75, goal_today="GROW-GOAL-PDF", summary="We mapped who writes which report.",
        share_summary=True, by=alice,
    )
    grow.write_private_note(session=session, body="PRIVATE-NOTE-PDF", by=alice)
    engagement = services.transition_engagement(engagement=engagement, to=Engagement.State.ASSESSMENT, by=alice)
    return prepare_closing(engagement, alice)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_coach_produces_the_report_from_the_assessment_page(assessed, alice):
    coach = client_for(alice)
    assert "Produce the report" in coach.get(f"/engagements/{assessed.public_id}/assessment/").content.decode()

    response = coach.post(f"/engagements/{assessed.public_id}/report/", follow=True)

    report = EngagementReport.objects.get()
    assert response.redirect_chain[-1][0] == f"/reports/{report.public_id}/"
    assert "Version 1 of the report is produced" in response.content.decode()


def test_a_refused_report_says_why_in_words(alice, carol):
    engagement = engagement_in(Engagement.State.ASSESSMENT, alice, carol)

    response = client_for(alice).post(f"/engagements/{engagement.public_id}/report/", follow=True)

    page = response.content.decode()
    assert "Not produced: objective not evaluated: Delegate the weekly reporting" in page
    assert "objectives_not_evaluated" not in page
    assert not EngagementReport.objects.exists()


def test_the_pdf_holds_the_reports_text_and_no_session_content(assessed, alice, carol):
    report = reports.produce_report(engagement=assessed, by=alice)

    text = pdf_text(client_for(carol).get(f"/reports/{report.public_id}/pdf/"))

    for expected in (
        "Leadership", "Delegate the weekly reporting", "Carol now delegates and trusts her team.",
        "1.25 used of 12.00 planned", "Sessions held 1", "We mapped who writes which report.", "Achieved",
    ):
        assert expected in text, expected
    assert "GROW-GOAL-PDF" not in text and "PRIVATE-NOTE-PDF" not in text


def test_the_coachee_approves_from_the_page_and_the_second_approval_is_refused(assessed, alice, carol):
    report = reports.produce_report(engagement=assessed, by=alice)
    coachee = client_for(carol)
    assert "Approve the report" in coachee.get(f"/reports/{report.public_id}/").content.decode()

    coachee.post(f"/reports/{report.public_id}/approve/")
    again = coachee.post(f"/reports/{report.public_id}/approve/", follow=True).content.decode()

    assert EngagementReport.objects.get().status == EngagementReport.Status.APPROVED
    assert "Not approved: version 1 of the report is approved: it does not change." in again
    assert "Approve the report" not in again


def test_asking_for_changes_keeps_what_was_typed_when_refused_and_reaches_the_coach(assessed, alice, carol):
    report = reports.produce_report(engagement=assessed, by=alice)
    coachee = client_for(carol)

    empty = coachee.post(f"/reports/{report.public_id}/changes/", {"changes": ""})
    coachee.post(f"/reports/{report.public_id}/changes/", {"changes": "Name the two reports I now delegate."})

    assert empty.status_code == 422
    assert EngagementReport.objects.get().status == EngagementReport.Status.CHANGES_ASKED
    page = client_for(alice).get(f"/reports/{report.public_id}/").content.decode()
    assert "Name the two reports I now delegate." in page and "Produce a new version" in page


def test_an_admin_reads_only_approved_reports(assessed, alice, carol, ada):
    report = reports.produce_report(engagement=assessed, by=alice)
    admin = client_for(ada)
    assert admin.get(f"/reports/{report.public_id}/").status_code == 404

    services.approve_report(report=report, by=carol)

    assert admin.get(f"/reports/{report.public_id}/").status_code == 200


@pytest.mark.parametrize("outsider", ["bob", "eve", "dave"])
def test_outsiders_get_404_on_the_report_pages(assessed, alice, carol, outsider, request):
    report = reports.produce_report(engagement=assessed, by=alice)
    services.approve_report(report=report, by=carol)
    client = client_for(request.getfixturevalue(outsider))

    answers = [client.get(f"/reports/{report.public_id}/").status_code, client.get(f"/reports/{report.public_id}/pdf/").status_code]
    answers += [client.post(f"/reports/{report.public_id}/{act}/").status_code for act in ("approve", "changes")]
    answers.append(client.post(f"/engagements/{assessed.public_id}/report/").status_code)

    assert set(answers) == {404}
