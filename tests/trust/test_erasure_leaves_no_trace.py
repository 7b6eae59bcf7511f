"""Erasing a coachee leaves their name and email nowhere: every text column of every
table of the database is searched after an erasure that followed a full engagement,
logins (failed and not), a token, two-factor login, a bounced reminder and support edits
in Django admin."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from coaching import privacy
from coaching.tokens import issue_token
from coaching import intake
from engagements import services
from engagements.models import ActionPlan, Engagement, EngagementEvent, Reminder, User
from mpc import services as mpc
from sessions_grow import services as grow
from tests.conftest import COMPLETE_TERMS, OPENED_ON
from tests.factories import UserFactory
from tests.mpc.conftest import complete_through
from tests.security.conftest import PASSWORD, turn_on_two_factor

NAME, SURNAME, EMAIL = "Zoë", "Quintanilla", "zoe.quintanilla@example.com"
TRACES = [SURNAME, NAME, EMAIL, "zoe.quintanilla"]


def text_columns() -> list[tuple[str, str]]:
    """(table, column) of every text-like column of the database (PostgreSQL's catalogue)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = current_schema()
                 AND data_type IN ('character varying', 'text', 'character', 'json', 'jsonb')"""
        )
        return cursor.fetchall()


def found_anywhere(traces: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, trace) where a trace appears, case-insensitively."""
    hits = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for trace in traces:
                cursor.execute(f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1', [f"%{trace}%"])
                if cursor.fetchone():
                    hits.append((table, column, trace))
    return hits


def full_engagement(coach: User) -> tuple[User, Engagement]:
    """A client taken on by `coach`, whose name the coach wrote into everything, through
    to a closed MPC engagement."""
    engagement = intake.start_engagement(
        title=f"Coaching for {NAME} {SURNAME}", uses_mpc=True, opened_on=OPENED_ON, by=coach,
        newcomers=[intake.Newcomer(email=EMAIL, first_name=NAME, last_name=SURNAME, job_title=f"{SURNAME}'s team lead")],
    )
    person = engagement.coachees.get().user
    services.record_exploratory_session(engagement=engagement, held_on=engagement.opened_on, summary=f"Met {NAME}", by=coach)
    services.add_objective(
        engagement=engagement, statement=f"{NAME} delegates", success_measure=f"{SURNAME} signs off less", baseline_rating=3, by=coach
    )
    services.set_terms(engagement=engagement, by=coach, **{**COMPLETE_TERMS, "format": "in_person", "location": f"{SURNAME} office"})
    engagement = services.transition_engagement(engagement=engagement, to=Engagement.State.ACTIVE, by=coach)
    ActionPlan.objects.filter(engagement=engagement).update(aim=f"{NAME}'s plan")
    session = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(days=1), by=coach)
    grow.hold_session(
        session=session, duration_minutes=60, goal_review=f"{NAME} did it", goal_today=f"{NAME} today",
        reality_questions=f"Ask {NAME}", reality_insights=f"{NAME} sees", options_explored=f"{NAME} tried",
        options_strategies=f"{NAME} will", summary=f"Dear {NAME}", share_summary=True, by=coach,
    )
    grow.agree_action(session=session, title=f"{NAME} calls {SURNAME} senior", owner=person, due_on=date.today() + timedelta(days=1), by=coach)
    grow.write_private_note(session=session, body=f"{NAME} {SURNAME} seems tired", by=coach)
    mpc.rate_person(engagement=engagement, area="knowledge", rating=5, required=7, notes=f"{NAME} knows", by=coach)
    mpc.add_customer(engagement=engagement, name=f"{SURNAME} & Co", expectations=f"{NAME} answers", by=coach)
    mpc.add_partner(engagement=engagement, name=f"{SURNAME} partners", part=f"Help {NAME}", by=coach)
    mpc.define_mission(engagement=engagement, statement=f"{NAME}'s mission", values=f"{NAME}'s values", aspirations=f"{NAME} leads", by=coach)
    goal = mpc.add_goal(engagement=engagement, title=f"{NAME}'s goal", kind="qualitative", success_sign=f"{NAME} leads the weekly review", deadline=date(2027, 1, 1), by=coach)
    mpc.add_milestone(goal=goal, title=f"{NAME}'s milestone", due_on=date(2026, 12, 1), owner=person, by=coach)
    mpc.add_activity_flow(engagement=engagement, name=f"{NAME}'s flow", owner=person, description=f"{SURNAME}", by=coach)
    mpc.add_resource(engagement=engagement, kind="human", name=f"{NAME}'s assistant", description=SURNAME, by=coach)
    mpc.assign_role(engagement=engagement, holder=person, title=f"{NAME} lead", responsibilities=f"{SURNAME}", by=coach)
    mpc.add_plan_item(engagement=engagement, plan_kind="personal", title=f"{NAME} rests", category="hobby", owner=person, by=coach)
    complete_through(engagement, coach, 6)
    qualitative = engagement.mpc_goals.filter(kind="qualitative")
    mpc.record_check_in(
        engagement=engagement, held_on=date.today(), notes=f"{NAME} is on track", ratings=dict.fromkeys(qualitative, 6), by=coach
    )
    services.transition_engagement(engagement=engagement, to=Engagement.State.ASSESSMENT, by=coach)
    for objective in engagement.objectives.all():
        services.evaluate_objective(objective=objective, final_rating=8, outcome="achieved", by=coach)
    services.write_evaluation(engagement=engagement, evaluation=f"{NAME} grew", by=coach)
    services.transition_engagement(engagement=engagement, to=Engagement.State.CLOSED, by=coach)
    return person, engagement


def leave_login_traces(person: User) -> None:
    """Failed and good logins (axes), a token, two-factor login, a bounced reminder, and
    an admin's edit of the person in Django admin."""
    person.set_password(PASSWORD)
    person.save()
    browser = Client()
    browser.post("/accounts/login/", {"username": EMAIL, "password": "wrong"})
    browser.post("/accounts/login/", {"username": EMAIL, "password": PASSWORD})
    issue_token(user=person, name=f"{NAME}'s laptop")
    turn_on_two_factor(person)
    item = person.action_items.first()
    Reminder.objects.create(
        subject=item, kind="due", lead_days=1, recipient=person, due_on=date.today(), last_error=f"550 {EMAIL} unknown"
    )
    support = Client()
    support.force_login(UserFactory(username="root", is_staff=True, is_superuser=True, role="admin"))
    edited = support.post(
        f"/admin/engagements/user/{person.pk}/change/",
        {"username": EMAIL, "first_name": NAME, "last_name": SURNAME, "email": EMAIL, "role": "coachee", "is_active": "on",
         "time_zone": "UTC", "reminder_mode": "digest", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00"},
    )
    assert edited.status_code == 302, (edited.status_code, edited.content[:300])


@pytest.mark.usefixtures("needs_postgres")
def test_an_erased_coachee_is_nowhere_in_the_database(alice, ada):
    alice.coach.capacity = 20
    alice.coach.save()
    person, engagement = full_engagement(alice)
    leave_login_traces(person)
    before = found_anywhere(TRACES)

    privacy.erase_coachee(coachee=person.coachee, by=ada)

    assert {table for table, _, _ in before} >= {"engagements_user", "axes_accessattempt", "django_admin_log", "mpc_customer"}
    assert found_anywhere(TRACES) == []
    assert EngagementEvent.objects.filter(engagement=engagement, action="coachee.erased").exists()


def test_new_audit_subjects_hold_no_title_or_name(alice, bob, carol, ada):
    engagement = services.open_engagement(title="Carol Client's burnout", coach=alice.coach, coachees=[carol.coachee], by=alice)
    services.add_co_coach(engagement=engagement, coach=bob.coach, by=ada)
    services.assign_coach(engagement=engagement, coach=bob.coach, by=ada)

    subjects = " ".join(EngagementEvent.objects.filter(engagement=engagement).values_list("subject", flat=True))

    assert "burnout" not in subjects and "Carol" not in subjects and "Bob" not in subjects and "Alice" not in subjects
