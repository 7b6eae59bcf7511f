"""Journey (c): the admin records a coach's certification and is refused an assignment
beyond the coach's capacity."""

from __future__ import annotations

from playwright.sync_api import expect

from engagements import services
from engagements.models import Engagement
from tests.conftest import open_for


def test_admin_adds_a_certification_and_is_refused_beyond_capacity(page, live_server, log_in, screenshots, ada, active, bob, dave):
    open_for(bob, dave, title="Career move")
    services.update_coach(coach=bob.coach, capacity=1, by=ada)

    log_in("ada")
    page.get_by_role("link", name="Roster").click()
    page.get_by_role("link", name="Bob Coach").click()
    page.get_by_label("Body").fill("ICF")
    page.get_by_label("Level").fill("PCC")
    page.get_by_label("Expires on").fill("2028-06-30")
    page.get_by_role("button", name="Add the certification").click()
    expect(page.get_by_text("Certification ICF PCC recorded.")).to_be_visible()
    page.get_by_role("link", name="← Roster").click()
    expect(page.get_by_role("row", name="Bob Coach").get_by_text("ICF PCC")).to_be_visible()
    screenshots("roster")

    page.goto(f"{live_server.url}/engagements/{active.public_id}/")
    page.get_by_label("Coach", exact=True).select_option(label="Bob Coach")
    page.get_by_role("button", name="Make lead coach").click()
    expect(page.locator("#id_coach_error")).to_have_text("Refused: Bob Coach is at capacity (1 open engagement).")

    assert Engagement.objects.get(pk=active.pk).coach.user.username == "alice"
    assert bob.coach.certifications.filter(body="ICF", level="PCC").exists()
    screenshots("refused-assignment")
