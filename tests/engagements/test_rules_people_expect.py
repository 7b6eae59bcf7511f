"""Rules a practice expects (issue 13): a coach needs a certification in force to be given
an engagement, capacity never drops below the load, nobody supervises themself, and a
finished engagement shows nothing as due nor takes changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from engagements import services
from engagements.models import ActionItem
from tests.conftest import client_for, engagement_in, open_for, prepare_closing
from tests.factories import CoacheeFactory
from tests.pages.conftest import client_for as page_client


def test_a_coach_whose_certification_lapsed_is_given_no_new_engagement(alice, carol, ada):
    alice.coach.certifications.update(expires_on=date(2025, 12, 31))

    with pytest.raises(services.RuleBroken) as refused:
        open_for(alice, carol)

    assert refused.value.code == "coach_not_certified"
    assert "their last certification lapsed on 31 Dec 2025" in refused.value.detail


def test_a_revoked_certification_counts_as_none(alice, carol, ada):
    for certification in alice.coach.certifications.all():
        services.revoke_certification(certification=certification, reason="Ethics ruling", by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        open_for(alice, carol)

    assert refused.value.code == "coach_not_certified"


def test_the_admin_reads_why_a_coach_cannot_take_an_engagement(active, bob, ada):
    bob.coach.certifications.all().delete()

    response = page_client(ada).post(f"/engagements/{active.public_id}/coach/", {"coach": str(bob.coach.public_id)})

    assert "Bob Coach holds no certification in force (no certification is recorded)" in response.content.decode()


def test_capacity_never_drops_below_the_open_engagements(active, alice, ada):
    with pytest.raises(services.RuleBroken) as refused:
        services.update_coach(coach=alice.coach, capacity=0, by=ada)

    assert refused.value.detail == "Alice Coach carries 1 open engagement: a capacity of 0 is below that — hand some on first"
    alice.coach.refresh_from_db()
    assert alice.coach.capacity == 8


def test_a_finished_engagements_actions_are_no_longer_due(held, alice):
    engagement = engagement_in("assessment", alice, CoacheeFactory().user, title="Other")
    left_open = services.add_action_item(plan=services.plan_for(engagement, "sessions"), title="Left open", by=alice)
    prepare_closing(engagement, alice)
    services.transition_engagement(engagement=engagement, to="closed", by=alice)

    due = ActionItem.objects.still_due()

    assert left_open not in due
    assert set(due) == set(held.agreed_items.all())


def test_the_dashboard_lists_the_next_seven_days_even_on_a_sunday(active, alice, time_machine):
    sunday = timezone.make_aware(timezone.datetime(2026, 11, 29, 9, 0))
    time_machine.move_to(sunday)
    from sessions_grow import services as grow

    grow.schedule_session(engagement=active, scheduled_at=sunday + timedelta(days=2), by=alice)

    html = page_client(alice).get("/").content.decode()

    assert "Sessions in the next 7 days" in html and "session 1" in html


def test_a_closed_engagements_actions_take_no_progress_through_the_api(held, alice, carol):
    item = held.agreed_items.get()
    services.transition_engagement(engagement=held.engagement, to="cancelled", by=alice, reason="Sponsor left")

    response = client_for(carol).patch(f"/api/v1/action-items/{item.public_id}/", {"progress": 50}, format="json")

    assert response.status_code == 409
    assert response.json()["detail"] == "cannot change an action while the engagement is cancelled"
