"""Who viewed or changed an engagement's content, when, from where — never the content."""

from __future__ import annotations

from engagements.models import EngagementEvent
from sessions_grow import services as grow
from tests.conftest import client_for


def test_reading_an_engagement_page_is_logged_with_address_and_channel(active, carol, client):
    client.force_login(carol)

    client.get(f"/engagements/{active.public_id}/", REMOTE_ADDR="203.0.113.7")

    viewed = EngagementEvent.objects.filter(engagement=active, action="engagement.viewed").get()
    assert (viewed.actor, viewed.ip_address, viewed.channel) == (carol, "203.0.113.7", "page")


def test_reading_through_the_api_is_logged_as_api(active, alice):
    client_for(alice).get(f"/api/v1/engagements/{active.public_id}/", REMOTE_ADDR="198.51.100.4")

    viewed = EngagementEvent.objects.filter(engagement=active, action="engagement.viewed").get()
    assert (viewed.actor, viewed.ip_address, viewed.channel) == (alice, "198.51.100.4", "api")


def test_a_change_made_through_the_api_records_where_it_came_from(active, alice):
    client_for(alice).post(
        f"/api/v1/engagements/{active.public_id}/transitions/", {"to": "paused"}, format="json", REMOTE_ADDR="198.51.100.9"
    )

    moved = EngagementEvent.objects.get(engagement=active, action="engagement.transition", to_state="paused")
    assert (moved.actor, moved.ip_address, moved.channel) == (alice, "198.51.100.9", "api")


def test_acts_by_tasks_and_commands_are_marked_system(active):
    assert EngagementEvent.objects.filter(engagement=active).values_list("channel", flat=True).distinct().get() == "system"


def test_the_trail_holds_no_content(held, alice):
    grow.agree_action(session=held, title="Tell my manager about the burnout", by=alice)
    grow.write_private_note(session=held, body="worried about burnout", by=alice)

    logged = " ".join(EngagementEvent.objects.values_list("subject", flat=True))

    assert "burnout" not in logged


def test_the_coach_reads_the_trail_of_their_engagements_only(active, bobs, alice):
    response = client_for(alice).get("/api/v1/audit-events/")

    engagements = {row["engagement"] for row in response.json()["results"]}
    assert engagements == {str(active.public_id)}


def test_the_admin_reads_the_whole_practice(active, bobs, ada, bob):
    response = client_for(ada).get("/api/v1/audit-events/")

    refs = {row["engagement"] for row in response.json()["results"]}
    # Both engagements, and the roster act that made alice bob's supervisor.
    assert refs == {str(active.public_id), str(bobs.public_id), str(bob.coach.public_id)}


def test_roster_acts_are_the_admins_to_read_not_the_coachs(ada, bob):
    assert client_for(bob).get(f"/api/v1/audit-events/?engagement={bob.coach.public_id}").json()["count"] == 0
    [row] = client_for(ada).get(f"/api/v1/audit-events/?engagement={bob.coach.public_id}").json()["results"]
    assert (row["action"], row["subject"]) == ("coach.revised", "coach Bob Coach: supervisor")


def test_coachees_and_supervisors_read_no_trail(active, bobs, carol, alice, bob):
    assert client_for(carol).get("/api/v1/audit-events/").json()["count"] == 0
    # alice supervises bob: supervision gives no access to his clients' trail.
    assert not client_for(alice).get(f"/api/v1/audit-events/?engagement={bobs.public_id}").json()["results"]


def test_the_engagement_page_shows_the_trail_to_its_coach_without_addresses(active, alice, carol, ada, client):
    client.force_login(carol)
    client.get(f"/engagements/{active.public_id}/", REMOTE_ADDR="203.0.113.7")
    client.force_login(alice)

    coach_page = client.get(f"/engagements/{active.public_id}/").content.decode()
    client.force_login(carol)
    coachee_page = client.get(f"/engagements/{active.public_id}/").content.decode()
    client.force_login(ada)
    admin_page = client.get(f"/engagements/{active.public_id}/").content.decode()

    assert "Read the engagement" in coach_page and "Carol Client" in coach_page
    assert "203.0.113.7" not in coach_page
    assert "203.0.113.7" not in coachee_page
    assert "203.0.113.7" in admin_page


def test_coaches_read_who_and_when_through_the_api_and_admins_where_too(active, alice, carol, ada):
    client_for(carol).get(f"/api/v1/engagements/{active.public_id}/", REMOTE_ADDR="203.0.113.8")

    def viewed_by_carol(reader) -> dict:
        rows = client_for(reader).get("/api/v1/audit-events/", {"action": "engagement.viewed"}).json()["results"]
        return next(row for row in rows if row["actor"] == str(carol.public_id))

    as_coach, as_admin = viewed_by_carol(alice), viewed_by_carol(ada)
    assert as_coach["actor_name"] == "Carol Client" and as_coach["created_at"] and as_coach["ip_address"] is None
    assert as_admin["ip_address"] == "203.0.113.8"
