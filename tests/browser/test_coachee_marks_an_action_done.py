"""Journey (b): the coachee logs in, sees the action agreed in a session and marks it done."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from sessions_grow import services as grow


def test_coachee_marks_her_action_done(page, live_server, log_in, screenshots, active, alice, carol):
    session = grow.hold_session(
        session=grow.schedule_session(engagement=active, scheduled_at=timezone.now(), by=alice),
        duration_minutes=60, summary="We looked at what to hand over first.", share_summary=True, by=alice,
    )
    item = grow.agree_action(
        session=session, title="Hand the weekly report to Sam", owner=carol, due_on=timezone.localdate() + timedelta(days=5), by=alice
    )

    log_in("carol")

    expect(page.get_by_role("heading", name="My coaching")).to_be_visible()
    row = page.locator(f"#item-{item.public_id}")
    expect(row.locator("strong", has_text="Hand the weekly report to Sam")).to_be_visible()
    expect(page.get_by_text("We looked at what to hand over first.")).to_be_visible()
    row.get_by_label("Status").select_option("done")
    row.get_by_role("button", name="Update").click()
    expect(page.locator(f"#item-{item.public_id}").get_by_text("Done · 100%")).to_be_visible()

    item.refresh_from_db()
    assert item.status == "done" and item.progress == 100
    screenshots("portal")
