"""In Chromium: the coach corrects and deletes MPC rows in place; only the row is swapped,
so a form being filled in elsewhere on the page keeps what was typed."""

from __future__ import annotations

from playwright.sync_api import expect

from mpc import services
from mpc.models import Customer, Milestone
from tests.browser.conftest import (  # noqa: F401 — the browser fixtures, shared with tests/browser
    browser_type_launch_args,
    close_connections_opened_beside_playwright,
    every_page_passes_axe,
    log_in,
    no_csp_violations,
    screenshots,
    signed_in,
)
from tests.mpc.conftest import FILLERS


def test_the_coach_corrects_and_deletes_in_place_and_keeps_what_she_was_typing(page, live_server, log_in, screenshots, individual, alice):  # noqa: F811
    FILLERS[2](individual, alice)
    mistaken = services.add_customer(engagement=individual, name="Typo Ltd", expectations="None", by=alice)
    customer = Customer.objects.get(engagement=individual, name="Retail division")
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{individual.public_id}/mpc/2/")
    page.get_by_role("textbox", name="Partner").fill("Finance team")  # half-typed, not saved

    row = page.locator(f"#customer-{customer.public_id}")
    row.get_by_role("link", name="Edit customer").click()
    page.locator("li.editing").get_by_label("Expectations").fill("Daily figures by 9 am")
    page.locator("li.editing").get_by_role("button", name="Save").click()
    expect(row.get_by_text("Daily figures by 9 am")).to_be_visible()
    expect(row.get_by_role("status")).to_have_text("Saved")

    gone = page.locator(f"#customer-{mistaken.public_id}")
    gone.get_by_text("Delete").first.click()
    screenshots("confirm-delete")
    gone.get_by_role("button", name="Delete customer").click()
    expect(page.get_by_role("status").filter(has_text="Customer deleted.")).to_be_visible()

    expect(page.get_by_role("textbox", name="Partner")).to_have_value("Finance team")
    assert not Customer.objects.filter(pk=mistaken.pk).exists()
    assert Customer.objects.get(pk=customer.pk).expectations == "Daily figures by 9 am"


def test_the_coach_reschedules_a_milestone_from_monitoring(page, live_server, log_in, screenshots, monitored, alice):  # noqa: F811
    milestone = Milestone.objects.get(goal__engagement=monitored, title="First 120k quarter")
    log_in("alice")
    page.goto(f"{live_server.url}/engagements/{monitored.public_id}/mpc/7/")

    row = page.locator(f"#milestone-{milestone.public_id}")
    row.get_by_role("link", name="Edit milestone").click()
    page.locator("li.editing").get_by_label("Due on").fill("2027-01-15")
    page.locator("li.editing").get_by_role("button", name="Save").click()
    expect(page.locator("li.editing p.error").get_by_text("after its goal’s deadline")).to_be_visible()
    screenshots("milestone-refused")
    page.locator("li.editing").get_by_label("Due on").fill("2026-09-30")
    page.locator("li.editing").get_by_role("button", name="Save").click()

    expect(row.get_by_text("due 30 Sep 2026")).to_be_visible()
    screenshots("milestone-rescheduled")
    assert Milestone.objects.get(pk=milestone.pk).due_on.isoformat() == "2026-09-30"

