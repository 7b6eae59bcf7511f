"""Issue 12's journey: a coach opens a team MPC engagement with a returning client and a
new member, and corrects as they go — an objective reworded, a session rescheduled, an
action handed to someone else with a new date, a milestone rescheduled, a mistaken
customer deleted; the coachee then sees the shared summary, the terms and their role."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from engagements.models import ActionItem, Engagement
from mpc.models import Customer, Milestone
from tests.conftest import open_for

TODAY = timezone.localdate()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def section(page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def test_a_coach_opens_a_team_mpc_engagement_and_corrects_the_record(page, live_server, log_in, screenshots, alice, carol):
    first = open_for(alice, carol, title="First round")
    from engagements import services

    services.transition_engagement(engagement=first, to="declined", by=alice, reason="Carol chose to wait")
    log_in("alice")

    # A team engagement for a returning client and a new member, running MPC.
    page.get_by_role("link", name="New engagement").click()
    page.get_by_label("Engagement title").fill("Sales team growth")
    page.get_by_label("Carol Client").check()
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Novak")
    page.get_by_label("Email").fill("nina@example.com")
    page.get_by_label("Opened on").fill(days(-7))
    page.get_by_label("Run the MPC method").check()
    screenshots("open-a-team-engagement")
    page.get_by_role("button", name="Open the engagement").click()
    expect(page.get_by_role("heading", name="Exploratory session")).to_be_visible()
    engagement = Engagement.objects.get(title="Sales team growth")
    assert engagement.kind == "team" and engagement.mpc_stages.count() == 7

    # The exploratory session, an objective corrected, the terms; the coaching starts.
    page.get_by_label("Held on").fill(days(-6))
    page.get_by_label("Summary", exact=True).fill("We agreed to focus on the new sales process.")
    page.get_by_label("Share the summary with the client").check()
    page.get_by_role("button", name="Record the session").click()
    page.get_by_label("Objective", exact=True).fill("Grow sales confidence")
    page.get_by_label("Success measure").fill("Three deals closed by the team")
    page.get_by_label("Baseline self-rating (0–10)").fill("3")
    page.get_by_role("button", name="Add the objective").click()
    page.get_by_role("link", name="Edit objective").click()
    page.locator("li.editing").get_by_label("Objective").fill("Grow the team's sales confidence")
    page.locator("li.editing").get_by_role("button", name="Save").click()
    expect(page.get_by_text("1. Grow the team's sales confidence")).to_be_visible()
    page.get_by_label("Type of coaching").fill("team")
    page.get_by_label("Planned hours").fill("20")
    page.get_by_label("Session frequency").select_option("fortnightly")
    page.get_by_label("Format").select_option("remote")
    page.get_by_label("Budget").fill("6000")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_role("button", name="Save the terms").click()
    screenshots("exploratory-corrected")
    page.get_by_role("button", name="Start the coaching").click()
    expect(page.get_by_text("The coaching has started.")).to_be_visible()

    # A session ahead, rescheduled with its reason.
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Date and time").fill(f"{days(3)}T10:00")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_role("heading", name="Reschedule").click()
    page.get_by_label("New date and time").fill(f"{days(5)}T14:00")
    page.get_by_label("Why it moves").fill("Nina is travelling that week")
    page.get_by_role("button", name="Move the session").click()
    expect(page.get_by_text("Moved; the client is told.")).to_be_visible()
    screenshots("session-rescheduled")

    # Yesterday's session, held; its action handed to Carol with a later date.
    page.get_by_role("link", name="← Sales team growth").click()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Date and time").fill(f"{days(-1)}T10:00")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_label("Today's goals").fill("Prepare the first pipeline review")
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_role("button", name="Record the session as held").click()
    will = page.locator("#will")
    will.get_by_label("Action").fill("Call three prospects")
    will.get_by_label("Owner").select_option(label="Nina Novak")
    will.get_by_label("Due on").fill(days(7))
    will.get_by_role("button", name="Add the action").click()
    will.get_by_role("link", name="Edit action").click()
    editing = page.locator("li.editing")
    editing.get_by_label("Owner").select_option(label="Carol Client")
    editing.get_by_label("Due on").fill(days(10))
    editing.get_by_role("button", name="Save").click()
    expect(editing).to_have_count(0)
    expect(will.get_by_text("Saved")).to_be_visible()
    action = ActionItem.objects.get(title="Call three prospects")
    assert (action.owner, action.due_on) == (carol, TODAY + timedelta(days=10))

    # MPC: a mistaken customer deleted, a milestone rescheduled, a role given to Carol.
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/2/")
    adder = section(page, "Add a customer")
    adder.get_by_label("Customer").fill("Wrong Corp")
    adder.get_by_label("Expectations").fill("Typed into the wrong engagement")
    adder.get_by_role("button", name="Save").click()
    page.locator("summary", has_text="Delete customer").click()
    page.get_by_role("button", name="Delete customer").click()
    expect(page.get_by_text("Customer deleted.")).to_be_visible()
    assert not Customer.objects.filter(engagement=engagement).exists()

    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/4/")
    goal_form = section(page, "Add a goal")
    goal_form.get_by_label("Goal", exact=True).fill("Better team atmosphere")
    goal_form.get_by_label("Kind").select_option("qualitative")
    goal_form.get_by_label("Sign of success").fill("Everyone speaks at the weekly retro")
    goal_form.get_by_label("Deadline").fill(days(60))
    goal_form.get_by_role("button", name="Save").click()
    milestone_form = section(page, "Add a milestone")
    milestone_form.get_by_label("Goal").select_option(label="Better team atmosphere")
    milestone_form.get_by_label("Milestone").fill("First team retro")
    milestone_form.get_by_label("Due on").fill(days(20))
    milestone_form.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Edit milestone").click()
    page.locator("li.editing").get_by_label("Due on").fill(days(30))
    page.locator("li.editing").get_by_role("button", name="Save").click()
    expect(page.locator("li.editing")).to_have_count(0)
    expect(page.get_by_text(f"due {TODAY + timedelta(days=30):%-d %b %Y}")).to_be_visible()
    assert Milestone.objects.get(title="First team retro").due_on == TODAY + timedelta(days=30)
    screenshots("milestone-rescheduled")

    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/5/")
    role_form = section(page, "Assign a role")
    role_form.get_by_label("Holder").select_option(label="Carol Client")
    role_form.get_by_label("Role").fill("Sales lead")
    role_form.get_by_label("Responsibilities").fill("Runs the weekly pipeline review")
    role_form.get_by_role("button", name="Save").click()

    # Carol reads the shared summary, the terms and her role.
    page.get_by_role("button", name="Log out").click()
    log_in("carol")
    portal = page.locator("section", has=page.get_by_role("heading", name="Sales team growth"))
    expect(portal.get_by_text("We agreed to focus on the new sales process.")).to_be_visible()
    expect(portal.get_by_text("Every two weeks")).to_be_visible()
    expect(portal.get_by_text("Remote")).to_be_visible()
    expect(portal.get_by_text("Sales lead")).to_be_visible()
    expect(portal.get_by_text("Runs the weekly pipeline review")).to_be_visible()
    screenshots("coachee-portal")
