"""Journey: a coach closes an engagement with its report, the coachee approves it and
consents to share it, and the sponsor contact signs in and reads the approved report and
the charts — and nothing of what was said in the sessions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from engagements import services
from engagements.models import Engagement, EngagementReport
from sessions_grow import services as grow

SECRETS = ["PRIVATE-NOTE-b9e1", "GROW-GOAL-b9e1", "GROW-REALITY-b9e1", "GROW-WILL-b9e1", "UNSHARED-SUMMARY-b9e1"]


def in_assessment(engagement: Engagement, alice, carol) -> Engagement:
    """Two held sessions — one shared summary, one not — GROW records and a private note
    that must stay between coach and client; ratings along the way; the skills assessment."""
    first = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(days=20), by=alice)
    grow.hold_session(
        session=first, duration_minutes=90, goal_today="GROW-GOAL-b9e1", reality_insights="GROW-REALITY-b9e1",
        summary="Carol listed the reports her team could write.", share_summary=True, by=alice,
    )
    grow.write_private_note(session=first, body="PRIVATE-NOTE-b9e1", by=alice)
    second = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(days=6), by=alice)
    grow.hold_session(session=second, duration_minutes=60, options_strategies="GROW-WILL-b9e1", summary="UNSHARED-SUMMARY-b9e1", by=alice)
    objective = engagement.objectives.get()
    services.rate_myself(objective=objective, rating=4, by=carol)
    services.rate_progress(objective=objective, rating=5, by=alice)
    services.rate_progress(objective=objective, rating=6, by=carol)
    return services.transition_engagement(engagement=engagement, to=Engagement.State.ASSESSMENT, by=alice)


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def test_the_sponsor_reads_the_approved_report_and_the_charts_and_no_session_content(
    page, live_server, log_in, screenshots, sponsored, alice, carol, sam
):
    engagement = in_assessment(sponsored, alice, carol)

    # The coach: the skills assessment, the report, the closing.
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/")
    page.get_by_role("link", name="Skills assessment", exact=True).click()
    page.get_by_label("Final rating (0–10)").fill("8")
    page.get_by_label("Outcome").select_option(label="Achieved")
    page.get_by_role("button", name="Save Delegate the weekly reporting").click()
    expect(page.get_by_text("final 8/10 · Achieved")).to_be_visible()
    page.get_by_label("The client's evolution from the first to the last session").fill("Carol hands two reports a month to her team.")
    page.get_by_role("button", name="Save the evaluation").click()
    page.get_by_role("button", name="Produce the report").click()
    expect(page.get_by_text("Version 1 of the report is produced")).to_be_visible()
    page.get_by_role("link", name="← Leadership").click()
    page.get_by_text("Close the engagement…").click()
    page.get_by_role("button", name="Yes, close the engagement").click()
    expect(page.get_by_text("The engagement is closed.", exact=True)).to_be_visible()
    screenshots("coach-engagement-closed")
    log_out(page)

    # The coachee: reads it, approves it, consents to share it.
    log_in("carol")
    page.get_by_role("link", name="The engagement report, version 1").click()
    expect(page.get_by_text("Carol hands two reports a month to her team.")).to_be_visible()
    screenshots("coachee-reads-the-report")
    page.get_by_role("button", name="Approve the report").click()
    expect(page.get_by_text("You approved version 1 of the report.")).to_be_visible()
    page.get_by_role("link", name="← My coaching").click()
    page.get_by_role("button", name="Consent to share ratings, progress and the approved report").click()
    expect(page.get_by_role("button", name="Withdraw my consent")).to_be_visible()
    screenshots("coachee-portal")
    log_out(page)

    # The sponsor contact: the engagement, its charts, the approved report.
    log_in("sam")
    bodies = [page.content()]
    page.get_by_role("link", name="Leadership").click()
    expect(page.get_by_role("img", name="Objective 1: Delegate the weekly reporting")).to_be_visible()
    expect(page.get_by_role("img", name="Hours used against planned")).to_be_visible()
    page.get_by_text("The data of Hours used against planned as a table").click()
    expect(page.get_by_role("row", name="Session 2 2.5 h")).to_be_visible()
    bodies.append(page.content())
    screenshots("sponsor-engagement")
    page.get_by_role("link", name="Read version 1").click()
    expect(page.get_by_text("Carol hands two reports a month to her team.")).to_be_visible()
    expect(page.get_by_text("Carol listed the reports her team could write.")).to_be_visible()
    bodies.append(page.content())
    screenshots("sponsor-report")

    assert EngagementReport.objects.get().status == EngagementReport.Status.APPROVED
    assert Engagement.objects.get(pk=engagement.pk).state == Engagement.State.CLOSED
    for body in bodies:
        for secret in SECRETS:
            assert secret not in body
