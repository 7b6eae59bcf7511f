"""Journey (a): a coach takes a new client from the exploratory session to an active
engagement with a held GROW session whose Will created an action item."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from engagements.models import ActionItem, Engagement


def test_coach_takes_a_new_client_to_a_held_grow_session(page, live_server, log_in, screenshots, alice):
    log_in("alice")

    # The new client and the engagement.
    page.get_by_role("link", name="Open an engagement").click()
    page.get_by_label("Engagement title").fill("Finding my feet as CFO")
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Novak")
    page.get_by_label("Email").fill("nina@example.com")
    page.get_by_role("button", name="Open the engagement").click()
    expect(page.get_by_role("heading", name="Exploratory session")).to_be_visible()

    # The exploratory session: its record, an objective, the terms.
    page.get_by_role("button", name="Record the session").click()
    page.get_by_label("Objective", exact=True).fill("Lead the finance team with confidence")
    page.get_by_label("Success measure").fill("Monthly close led without escalation")
    page.get_by_label("Baseline self-rating (0–10)").fill("4")
    page.get_by_role("button", name="Add the objective").click()
    expect(page.get_by_text("Lead the finance team with confidence")).to_be_visible()
    page.get_by_label("Type of coaching").fill("executive")
    page.get_by_label("Planned hours").fill("10")
    page.get_by_label("Session frequency").select_option("fortnightly")
    page.get_by_label("Format").select_option("remote")
    page.get_by_label("Budget").fill("3000")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_role("button", name="Save the terms").click()
    page.get_by_role("button", name="Start the coaching").click()
    expect(page.get_by_text("The coaching has started.")).to_be_visible()

    # A GROW session, held, whose Will agrees an action.
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Date and time").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    page.get_by_label("Today's goals").fill("Prepare the first board meeting")
    page.get_by_label("What the client sees more clearly").fill("She owns the numbers already")
    page.get_by_label("Strategies discussed").fill("Rehearse with a peer")
    page.get_by_label("Client's commitment (1–10)").fill("8")
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_role("button", name="Record the session as held").click()
    will = page.locator("#will")
    will.get_by_label("Action").fill("Rehearse the board pitch with a peer")
    will.get_by_label("Owner").select_option(label="Nina Novak")
    will.get_by_role("button", name="Add the action").click()
    expect(will.locator("strong", has_text="Rehearse the board pitch with a peer")).to_be_visible()

    engagement = Engagement.objects.get(title="Finding my feet as CFO")
    item = ActionItem.objects.get(plan__engagement=engagement)
    assert engagement.state == Engagement.State.ACTIVE
    assert engagement.coaching_sessions.get().status == "held"
    assert item.owner.email == "nina@example.com" and item.agreed_in_sessions.exists()
    screenshots("held-session")
    page.get_by_role("link", name="← Finding my feet as CFO").click()
    screenshots("engagement")


def test_enter_finds_in_the_finder_and_opens_the_engagement_elsewhere(page, live_server, log_in, alice, monkeypatch):
    """Enter in the finder finds (keeping the title typed); Enter in any other field opens
    the engagement, as a person expects, not "Find" or "Add another" because they come first."""
    from engagements import services

    monkeypatch.setattr("coaching.forms.RETURNING_SHOWN", 1)  # the finder shows past one client
    for first, last in [("Anna", "Archer"), ("Denis", "Dupont")]:
        services.add_coachee(by=alice, first_name=first, last_name=last, email=f"{last.lower()}@example.com")
    log_in("alice")
    page.get_by_role("link", name="Open an engagement").click()

    page.get_by_label("Engagement title").fill("Two leads")
    page.get_by_label("Find a returning client").fill("dup")
    page.get_by_label("Find a returning client").press("Enter")
    expect(page.get_by_label("Denis Dupont")).to_be_visible()
    expect(page.get_by_label("Anna Archer")).to_have_count(0)
    expect(page.get_by_label("Engagement title")).to_have_value("Two leads")

    page.get_by_label("Denis Dupont").check()
    page.get_by_label("Engagement title").press("Enter")
    expect(page.get_by_role("heading", name="Exploratory session")).to_be_visible()
    assert [str(c) for c in Engagement.objects.get(title="Two leads").coachees.all()] == ["Denis Dupont"]
