"""What a reminder email says: titles, due dates and a link, in text and HTML — never
session content or private notes."""

from datetime import UTC, datetime

from sessions_grow import services as grow
from tests.reminders.conftest import emails_to, html_of, in_days

SECRET_NOTE = "Carol seemed tired; watch for overload."
INSIGHT = "Carol keeps the report because it makes her feel in control."
SUMMARY = "We mapped your tasks and chose the report as the first thing to delegate."


def held_session_with_action(engagement, coach, owner):
    session = grow.schedule_session(engagement=engagement, scheduled_at=datetime(2026, 3, 3, 10, tzinfo=UTC), by=coach)
    session = grow.hold_session(
        session=session, duration_minutes=60, held_at=datetime(2026, 3, 3, 11, tzinfo=UTC), by=coach,
        share_summary=True, summary=SUMMARY, reality_insights=INSIGHT, goal_today="Map the tasks.", commitment=8,
    )
    grow.write_private_note(session=session, body=SECRET_NOTE, by=coach)
    return grow.agree_action(session=session, title="Hand over the sales section", owner=owner, due_on=in_days(1), by=coach)


def test_the_coachee_gets_title_due_date_and_a_link_to_their_plan(clock, scan, active, alice, carol):
    held_session_with_action(active, alice, carol)

    scan()

    (email,) = emails_to(carol)
    assert email.to == ["carol@example.com"]
    assert email.subject == "Tandem: Hand over the sales section — due tomorrow (Wed 11 Mar 2026)"
    for part in (email.body, html_of(email)):
        assert "Hand over the sales section" in part
        assert "due tomorrow (Wed 11 Mar 2026)" in part
        assert "http://127.0.0.1:8000/my/" in part
        assert "http://127.0.0.1:8000/settings/reminders/" in part


def test_the_coach_gets_a_link_to_the_engagement(clock, scan, active, alice, carol):
    held_session_with_action(active, alice, carol)

    scan()

    (email,) = emails_to(alice)
    link = f"http://127.0.0.1:8000/engagements/{active.public_id}/"
    assert link in email.body and f'href="{link}"' in html_of(email)


def test_no_email_carries_session_content_or_private_notes(clock, scan, active, alice, carol):
    held_session_with_action(active, alice, carol)

    scan()

    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1
    for email in emails_to(carol) + emails_to(alice):
        for part in (email.subject, email.body, html_of(email)):
            for secret in (SECRET_NOTE, INSIGHT, SUMMARY, "Map the tasks."):
                assert secret not in part


def test_the_html_part_escapes_titles(clock, scan, active, alice, carol):
    from tests.reminders.conftest import add_action

    add_action(active, alice, title="Read <b>this</b> & that", owner=carol, due_on=in_days(1))

    scan()

    (email,) = emails_to(carol)
    assert "Read &lt;b&gt;this&lt;/b&gt; &amp; that" in html_of(email)
    assert "Read <b>this</b> & that" in email.body


def test_a_milestone_reminds_its_owner_and_the_coach_with_the_mpc_page(clock, scan, active, alice, carol):
    from tests.mpc.factories import GoalFactory, MilestoneFactory

    MilestoneFactory(goal=GoalFactory(engagement=active), title="Pipeline review", due_on=in_days(1), owner=carol)

    scan()

    (to_carol,) = emails_to(carol)
    (to_alice,) = emails_to(alice)
    assert "Milestone: Pipeline review" in to_carol.body and "http://127.0.0.1:8000/my/" in to_carol.body
    assert f"http://127.0.0.1:8000/engagements/{active.public_id}/mpc/" in to_alice.body
