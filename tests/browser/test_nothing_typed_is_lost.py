"""Pages that never lose what was typed and never surprise (issue 13), walked in Chromium:
each section saves on its own, leaving unsaved work asks first, a refused form brings its
errors to the top, irreversible acts ask for a reason, and dates tell the truth."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from engagements import services
from engagements.models import Engagement
from sessions_grow import services as grow
from tests.conftest import open_for


def test_saving_one_section_of_the_session_page_keeps_the_others(page, live_server, log_in, screenshots, held, alice):
    log_in("alice")
    page.goto(f"{live_server.url}/sessions/{held.public_id}/")
    page.get_by_text("GROW record and summary").click()
    page.get_by_label("Strategies discussed").fill("Typed but not saved yet")
    will = page.locator("#will")
    will.get_by_label("Action").fill("An action typed, not added")

    page.get_by_role("textbox", name="My private note").fill("Only for me")
    page.get_by_role("button", name="Keep the note").click()

    expect(page.get_by_text("Kept", exact=True)).to_be_visible()
    expect(page.get_by_label("Strategies discussed")).to_have_value("Typed but not saved yet")
    expect(will.get_by_label("Action")).to_have_value("An action typed, not added")
    screenshots("session-sections")


def test_saving_the_terms_keeps_the_objective_being_typed(page, live_server, log_in, exploratory, alice):
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{exploratory.public_id}/exploratory/")
    page.get_by_label("Summary", exact=True).fill("We met at her office")
    page.get_by_label("Objective", exact=True).fill("Lead the team calmly")

    page.get_by_label("Type of coaching").fill("executive")
    page.get_by_role("button", name="Save the terms").click()

    expect(page.get_by_text("Saved", exact=True)).to_be_visible()
    expect(page.get_by_label("Summary", exact=True)).to_have_value("We met at her office")
    expect(page.get_by_label("Objective", exact=True)).to_have_value("Lead the team calmly")


def test_saving_the_evaluation_keeps_an_unsaved_rating(page, live_server, log_in, alice, carol):
    from tests.conftest import engagement_in

    engagement = engagement_in("assessment", alice, carol)
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/assessment/")
    page.get_by_label("Final rating (0–10)").fill("8")

    page.get_by_label("The client's evolution from the first to the last session").fill("Carol now delegates.")
    page.get_by_role("button", name="Save the evaluation").click()

    expect(page.locator("#evaluation-section").get_by_text("Saved")).to_be_visible()
    expect(page.get_by_label("Final rating (0–10)")).to_have_value("8")


def test_saving_one_form_of_an_mpc_stage_keeps_what_is_typed_in_the_others(page, live_server, log_in, screenshots, alice, carol):
    from tests.conftest import activate
    from tests.mpc.conftest import start

    engagement = start(activate(open_for(alice, carol, uses_mpc=True, title="Sales pipeline"), alice), alice)
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/4/")
    goals = page.locator("section", has=page.get_by_role("heading", name="Add a goal", exact=True))
    milestones = page.locator("section", has=page.get_by_role("heading", name="Add a milestone", exact=True))
    flows = page.locator("section", has=page.get_by_role("heading", name="Add an activity flow", exact=True))
    milestones.get_by_label("Milestone").fill("Typed, not saved")
    flows.get_by_label("Activity flow").fill("Weekly pipeline review")
    flows.get_by_label("Description").fill("Also typed, not saved")

    goals.get_by_label("Goal", exact=True).fill("Close more deals")
    goals.get_by_label("Deadline").fill(f"{timezone.localdate() + timedelta(days=60):%Y-%m-%d}")
    goals.get_by_label("Metric").fill("Deals closed")
    goals.get_by_label("Unit").fill("deals")
    goals.get_by_label("Baseline").fill("2")
    goals.get_by_label("Target").fill("6")
    goals.get_by_role("button", name="Save").click()

    expect(page.locator("strong", has_text="Close more deals")).to_be_visible()
    expect(milestones.get_by_label("Goal")).to_contain_text("Close more deals")  # its choices renewed
    expect(milestones.get_by_label("Milestone")).to_have_value("Typed, not saved")
    expect(flows.get_by_label("Activity flow")).to_have_value("Weekly pipeline review")
    expect(flows.get_by_label("Description")).to_have_value("Also typed, not saved")
    screenshots("mpc-stage-forms")


def test_leaving_with_unsaved_work_asks_first(page, live_server, log_in, exploratory, alice):
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{exploratory.public_id}/exploratory/")
    page.get_by_label("Objective", exact=True).fill("Something worth keeping")
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.type))  # the journey's own handler then lets it go

    page.get_by_role("link", name="Dashboard").click()

    page.wait_for_url(f"{live_server.url}/")
    assert asked == ["beforeunload"]


def test_a_refused_form_brings_its_errors_to_the_top_and_into_focus(page, live_server, log_in, alice):
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/new/")

    page.get_by_role("button", name="Open the engagement").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Engagement title: This field is required.")
    summary.get_by_role("link", name="Engagement title: This field is required.").click()
    expect(page.get_by_label("Engagement title")).to_be_focused()


def test_cancelling_asks_for_a_reason_and_keeps_it(page, live_server, log_in, screenshots, active, alice):
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{active.public_id}/")
    page.get_by_text("Cancel the engagement…").click()
    expect(page.get_by_text("Cancelling ends the engagement for good")).to_be_visible()
    screenshots("cancel-asks-first")

    page.get_by_role("button", name="Yes, cancel the engagement").click()  # no reason: the browser stops it
    assert Engagement.objects.get(pk=active.pk).state == "active"
    page.get_by_label("Why (kept in the history)").fill("The sponsor withdrew its budget")
    page.get_by_role("button", name="Yes, cancel the engagement").click()

    expect(page.get_by_text("The engagement is cancelled.")).to_be_visible()
    page.get_by_text("History and access log").click()
    expect(page.get_by_text("“The sponsor withdrew its budget”")).to_be_visible()


def test_a_session_ahead_shows_no_grow_form_and_a_called_off_one_none_either(page, live_server, log_in, active, alice):
    ahead = grow.schedule_session(engagement=active, scheduled_at=timezone.now() + timedelta(days=3), by=alice)
    missed = grow.schedule_session(engagement=active, scheduled_at=timezone.now() - timedelta(days=1), by=alice)
    log_in("alice")

    page.goto(f"{live_server.url}/sessions/{ahead.public_id}/")
    expect(page.get_by_text("record it as held once it has taken place")).to_be_visible()
    expect(page.get_by_role("button", name="Record the session as held")).to_have_count(0)

    page.goto(f"{live_server.url}/sessions/{missed.public_id}/")
    page.get_by_text("The client did not come…").click()
    page.locator("details[open]").get_by_label("Why (kept in the history)").fill("No answer on the phone")
    page.get_by_role("button", name="Yes: the client did not come").click()
    expect(page.get_by_role("heading", name="Session 2 No-show")).to_be_visible()
    expect(page.get_by_role("button", name="Record the session as held")).to_have_count(0)


def test_on_a_phone_the_navigation_is_one_menu(page, live_server, log_in, alice):
    log_in("alice")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/")

    expect(page.get_by_role("link", name="Roster")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()

    expect(page.get_by_role("link", name="Roster")).to_be_visible()
    box = page.get_by_role("link", name="Roster").bounding_box()
    assert box["height"] >= 44


def test_a_closed_engagements_actions_leave_the_dashboard(page, live_server, log_in, held, alice):
    engagement = held.engagement
    services.transition_engagement(engagement=engagement, to="assessment", by=alice)
    from tests.conftest import prepare_closing

    prepare_closing(engagement, alice)
    services.transition_engagement(engagement=engagement, to="closed", by=alice)
    open_for(alice, engagement.coachees.get().user, title="Next round")
    log_in("alice")

    expect(page.get_by_text("Hand over one report")).to_have_count(0)
    expect(page.get_by_text("Nothing coming due.")).to_be_visible()
