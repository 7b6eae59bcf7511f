"""Journeys through MPC in Chromium, pages only: an individual engagement from stage 1 to
the mission's completion, and a team engagement through the team audit to the collective
plan. Every form is filled as a person would (labels, buttons), and saved on its own."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from engagements.models import ActionItem, Engagement
from mpc import services
from mpc.models import ControlReading, Milestone, Mission, Stage
from tests.conftest import activate, open_for
from tests.mpc.conftest import frank, grace  # noqa: F401 — the team's other members

TODAY = date.today()


def on(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def fill(page: Page, key: str, fields: dict[str, str], *, button: str = "Save") -> None:
    """Fill the add form `key` (text, or select options by their label) and save it; with
    htmx only its block is swapped, and says so."""
    block = page.locator(f"#block-{key}")
    for label, value in fields.items():
        field = block.get_by_label(label, exact=True)
        kind = field.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if kind == "select":
            field.select_option(label=value)
        elif kind == "checkbox":
            field.check()
        else:
            field.fill(value)
    send(page, block.get_by_role("button", name=button))
    expect(page.locator(f"#block-{key}").get_by_role("status")).to_have_text("Saved")


def send(page: Page, button) -> None:
    """Click a button that posts with htmx, and wait until htmx has swapped its answer in.

    The response's arrival is not enough: htmx swaps a moment later, and on a busy machine
    the next step would type into the block that swap replaces (and a block's "Saved" from
    its previous save would already be showing). htmx fires afterRequest once it has swapped."""
    page.evaluate("""() => {
        window.tandemAnswered = false;
        document.addEventListener("htmx:afterRequest", () => { window.tandemAnswered = true; }, { once: true });
    }""")
    button.click()
    page.wait_for_function("() => window.tandemAnswered === true", timeout=30_000)


def shoot(page: Page, screenshots, name: str) -> None:
    """Screenshots at 1280 and 375 px. Taking one leaves an empty style attribute on the
    page's fields (Playwright's caret hiding), which htmx would copy onto the fields of the
    next swap and the Content-Security-Policy refuse: the page is as it was without them."""
    screenshots(name)
    page.evaluate("document.querySelectorAll('[style]').forEach(e => e.removeAttribute('style'))")


def mark_done(page: Page, number: int) -> None:
    """Mark the stage done (a plain post, then the stage page again): wait for that page,
    however slow the machine, and show a refusal's reason if there is one."""
    with page.expect_navigation():
        page.get_by_role("button", name=f"Mark stage {number} ").click()
    expect(page.locator(".messages .error")).to_have_count(0)
    expect(page.locator("#stage-head .pill").first).to_have_text("Done")


def goto_stage(page: Page, live_server, engagement: Engagement, number: int) -> None:
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/{number}/")


def project_audit_and_mission(page: Page, live_server, engagement: Engagement) -> None:
    goto_stage(page, live_server, engagement, 2)
    fill(page, "customer", {"Customer": "Key accounts", "Expectations": "Answers within a day"})
    fill(page, "partner", {"Partner": "Logistics", "Their part": "Delivers what we sign"})
    fill(page, "factor", {"Factor": "Two open positions", "Nature": "Human", "Effect": "Hinders", "Weight": "4"})
    mark_done(page, 2)
    goto_stage(page, live_server, engagement, 3)
    fill(page, "mission", {"Mission": "Grow the region's sales with a team people want to join", "Values it integrates": "Fairness, autonomy"})
    mark_done(page, 3)


def goals_and_resources(page: Page, live_server, engagement: Engagement, owner: str, shoot) -> None:
    goto_stage(page, live_server, engagement, 4)
    expect(page.get_by_role("note").filter(has_text="No human goal yet")).to_be_visible()
    fill(page, "goal", {
        "Goal": "Grow quarterly turnover", "Kind": "Quantitative", "Deadline": on(150), "Metric": "turnover",
        "Unit": "kEUR", "Baseline": "400", "Target": "480",
    })
    fill(page, "goal", {
        "Goal": "A motivated team", "Kind": "Qualitative", "Deadline": on(120),
        "Human-related (work climate, well-being, skills)": "on",
        "Sign of success": "People bring their own proposals to the weekly meeting",
    })
    expect(page.get_by_role("note").filter(has_text="No human goal yet")).to_have_count(0)
    fill(page, "milestone", {"Goal": "Grow quarterly turnover", "Milestone": "Pipeline reviewed with every account", "Due on": on(30), "Owner": owner})
    fill(page, "milestone", {"Goal": "A motivated team", "Milestone": "First team retrospective", "Due on": on(40), "Owner": owner})
    fill(page, "flow", {"Activity flow": "Weekly sales review", "Owner": owner})
    shoot()
    mark_done(page, 4)
    goto_stage(page, live_server, engagement, 5)
    fill(page, "resource", {"Kind": "Technical resource", "Resource": "CRM dashboards"})
    fill(page, "resource", {"Kind": "Human resource", "Resource": "A sales assistant"})


def test_an_individual_engagement_goes_from_the_audit_to_the_mission_complete(page, live_server, log_in, screenshots, alice, carol):
    engagement = activate(open_for(alice, carol, uses_mpc=True, title="Leading the Lyon branch", opened_on=TODAY - timedelta(days=30)), alice)
    services.start_mpc(engagement=engagement, by=alice)
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{engagement.public_id}/mpc/")
    expect(page.get_by_role("link", name="Continue stage 1 (person audit)")).to_be_visible()
    shoot(page, screenshots, "overview-at-the-start")

    # Stage 1: the person audit, five areas against what the project needs.
    goto_stage(page, live_server, engagement, 1)
    for area, rating, required in [("Knowledge", 7, 8), ("Know-how", 4, 8), ("Behaviour", 6, 7), ("Values", 8, 7), ("Life balance", 4, 6)]:
        fill(page, "rating", {"Area": area, "Rating now (0–10)": str(rating), "What the project requires (0–10)": str(required)})
    shoot(page, screenshots, "stage-1-person-audit")
    mark_done(page, 1)
    project_audit_and_mission(page, live_server, engagement)
    goals_and_resources(page, live_server, engagement, "Carol Client", lambda: shoot(page, screenshots, "stage-4-goals"))
    fill(page, "role", {"Holder": "Carol Client", "Role": "Branch lead", "Responsibilities": "Owns the pipeline"})
    mark_done(page, 5)

    # Stage 6: each half of the plan offers its own kinds, each about an earlier stage.
    goto_stage(page, live_server, engagement, 6)
    personal = page.locator("#block-personal").get_by_label("About")
    assert personal.locator("option").all_inner_texts()[2:] == ["Know-how: gap of 4", "Life balance: gap of 2", "Knowledge: gap of 1", "Behaviour: gap of 1"]
    fill(page, "personal", {"About": "Work-life balance", "Action": "No email after 8 pm", "Owner": "Carol Client"})
    fill(page, "personal", {"About": "Hobbies", "Action": "Back to the Thursday choir", "Owner": "Carol Client"})
    fill(page, "personal", {"About": "Know-how: gap of 4", "Action": "Delegate one report a week", "Owner": "Carol Client"})
    for about, action in [("The mission", "Share the mission with the team"), ("Grow quarterly turnover", "Review the pipeline monthly"),
                          ("Branch lead (Carol Client)", "Write the role down"), ("A sales assistant", "Sign the assistant's contract")]:
        fill(page, "project", {"About": about, "Action": action, "Owner": "Carol Client", "Deadline": on(60)})
    fill(page, "project", {"About": "Compulsory deadline", "Action": "Budget submitted", "Owner": "Carol Client", "Deadline": on(45)})
    fill(page, "indicator", {
        "Control indicator": "Offers answered within a day", "Owner": "Carol Client", "Due on": on(90),
        "Unit": "%", "Baseline": "60", "Target": "90", "Direction": "Higher is better",
    })
    expect(page.locator("#held")).to_contain_text("from 60 to 90 % · higher is better")
    shoot(page, screenshots, "stage-6-double-plan")
    mark_done(page, 6)

    # Stage 7: progress, a reading, the next goal, a check-in, the mission complete.
    goto_stage(page, live_server, engagement, 7)
    page.locator("#block-checkin").get_by_label("Notes").fill("Pipeline healthy; the team proposes more.")  # typed, not saved yet
    pipeline = Milestone.objects.get(title="Pipeline reviewed with every account")
    row = page.locator(f"#milestone-{pipeline.public_id}")
    row.get_by_label("Status").select_option(label="Reached")
    row.get_by_label("Progress (%)").fill("100")
    row.get_by_label("Note").fill("Every account seen")
    send(page, row.get_by_role("button", name="Record progress"))
    expect(page.locator(f"#milestone-{pipeline.public_id} .pill")).to_have_text("Reached · 100%")
    page.get_by_text("is reached: set the next goal").click()
    step = page.locator("details.next-step")
    step.get_by_label("Goal", exact=True).fill("Reach 480 kEUR a quarter")
    step.get_by_label("Kind").select_option(label="Quantitative")
    step.get_by_label("Deadline").fill(on(150))
    step.get_by_label("Metric").fill("turnover")
    step.get_by_label("Unit").fill("kEUR")
    step.get_by_label("Baseline").fill("430")
    step.get_by_label("Target").fill("480")
    send(page, step.get_by_role("button", name="Set the next goal"))
    expect(page.locator("#held")).to_contain_text("Reach 480 kEUR a quarter")
    fill(page, "milestone", {"Goal": "Reach 480 kEUR a quarter", "Milestone": "Pricing proposal accepted", "Due on": on(60)})
    indicator = page.locator("#held article.measure").filter(has_text="Offers answered within a day")
    indicator.get_by_label("Value").fill("72")
    indicator.get_by_label("Read on").fill((TODAY - timedelta(days=1)).isoformat())
    send(page, indicator.get_by_role("button", name="Record the reading"))
    expect(page.locator("#held article.measure").filter(has_text="Offers answered within a day")).to_contain_text("Latest: 72 %")
    checkin = page.locator("#block-checkin")
    expect(checkin.get_by_label("Notes")).to_have_value("Pipeline healthy; the team proposes more.")
    checkin.get_by_label("Held on").fill(TODAY.isoformat())
    checkin.get_by_label("Reach 480 kEUR a quarter (kEUR)").fill("445")
    checkin.get_by_label("Offers answered within a day (%)").fill("91")
    checkin.get_by_label("A motivated team: rating (1–10)").fill("8")
    checkin.get_by_label("First team retrospective: progress (%)").fill("100")
    checkin.get_by_label("Pricing proposal accepted: progress (%)").fill("100")
    shoot(page, screenshots, "stage-7-check-in-typed")
    send(page, checkin.get_by_role("button", name="Save"))
    expect(checkin.get_by_role("status")).to_have_text("Saved")
    expect(page.locator("#held")).to_contain_text("Every milestone is reached or dropped")
    complete = page.locator("#block-complete")
    complete.get_by_label("Completed on").fill(TODAY.isoformat())
    complete.get_by_label("Closing note").fill("The branch runs its own pipeline; the team proposes.")
    send(page, complete.get_by_role("button", name="Mark the mission complete"))
    expect(page.locator("#stage-head .pill").first).to_have_text("Done")
    expect(page.locator("#held")).to_contain_text("The mission was completed on")
    shoot(page, screenshots, "stage-7-mission-complete")

    page.get_by_role("link", name="← MPC stages of Leading the Lyon branch").click()
    expect(page.get_by_text("Every stage is done")).to_be_visible()
    shoot(page, screenshots, "overview-all-done")
    mission = Mission.objects.get(engagement=engagement)
    assert mission.is_complete and mission.completed_on == TODAY
    assert list(engagement.mpc_stages.values_list("status", flat=True)) == [Stage.Status.DONE] * 7
    assert ControlReading.objects.filter(indicator__item__plan__engagement=engagement).count() == 2


def test_a_team_goes_through_the_team_audit_to_the_collective_plan(page, live_server, log_in, screenshots, bob, dave, frank, grace):  # noqa: F811
    team = activate(open_for(bob, dave, frank, grace, uses_mpc=True, title="Support team", opened_on=TODAY - timedelta(days=30)), bob)
    services.start_mpc(engagement=team, by=bob)
    log_in("bob")

    # Stage 1 is the team audit: the same areas, for the team as it works now, and each member observed.
    goto_stage(page, live_server, team, 1)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team audit")
    for area, rating, required in [("Knowledge", 6, 7), ("Know-how", 5, 7), ("Behaviour", 4, 8), ("Values", 7, 7), ("Life balance", 5, 6)]:
        fill(page, "rating", {"Area": area, "Rating now (0–10)": str(rating), "What the project requires (0–10)": str(required)})
    for member in ("Dave Client", "Frank Member", "Grace Member"):
        fill(page, "observation", {"Aspect": "initiative", "Observation": "Proposes when asked", "Member": member, "Rating": "6"})
    expect(page.locator("#held")).to_contain_text("gap of 4")
    shoot(page, screenshots, "team-stage-1-team-audit")
    mark_done(page, 1)
    project_audit_and_mission(page, live_server, team)
    goals_and_resources(page, live_server, team, "Dave Client", lambda: None)
    for holder, title in [("Dave Client", "Queue lead"), ("Frank Member", "Quality lead"), ("Grace Member", "Training lead"), ("Bob Coach", "Sparring partner")]:
        fill(page, "role", {"Holder": holder, "Role": title, "Responsibilities": "Owns it"})
    mark_done(page, 5)

    # Stage 6: the collective plan, a responsibility for every member.
    goto_stage(page, live_server, team, 6)
    for about, action, owner in [("The mission", "Share the mission", "Dave Client"), ("Grow quarterly turnover", "Review the queue monthly", "Frank Member"),
                                 ("Quality lead (Frank Member)", "Write the quality checklist", "Frank Member"),
                                 ("A sales assistant", "Train the assistant", "Grace Member"), ("Compulsory deadline", "Budget submitted", "Grace Member")]:
        fill(page, "project", {"About": about, "Action": action, "Owner": owner, "Deadline": on(60)})
    fill(page, "indicator", {
        "Control indicator": "Tickets reopened", "Owner": "Dave Client", "Due on": on(90),
        "Unit": "a week", "Baseline": "12", "Target": "4", "Direction": "Lower is better",
    })
    responsibilities = page.locator("#held").get_by_role("heading", name="Each member's responsibilities").locator("xpath=following-sibling::ul[1]")
    expect(responsibilities).to_contain_text("Grace Member")
    expect(responsibilities).to_contain_text("Train the assistant")
    shoot(page, screenshots, "team-stage-6-collective-plan")
    mark_done(page, 6)

    assert set(ActionItem.objects.filter(plan__engagement=team, plan__kind="project").values_list("owner__username", flat=True)) == {"dave", "frank", "grace"}
    assert list(team.mpc_stages.values_list("status", flat=True)) == ["done"] * 6 + ["not_started"]
