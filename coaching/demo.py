"""The demo practice: an admin, three coaches (alice supervises bob), their clients, a
sponsor contact, and engagements in every state. Built only through the service functions, so the demo
obeys the same rules as real use. Dates are relative to today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from coaching import reports
from engagements import reminders, services
from engagements.models import ActionItem, Coach, Coachee, Engagement, Objective, User
from mpc.demo import seed_mpc_demo
from sessions_grow import services as grow

DEMO_PASSWORD = "tandem-demo"


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _user(username: str, first: str, last: str) -> dict:
    return {"username": username, "email": f"{username}@demo.tandem", "first_name": first, "last_name": last}


@cache
def _demo_hash() -> str:
    # One hash for every demo login: hashing each separately costs ~0.5 s a person.
    return make_password(DEMO_PASSWORD)


def _with_password(user: User) -> User:
    user.password = _demo_hash()
    user.save(update_fields=["password"])
    return user


def _objectives(engagement: Engagement, coach: User, pairs: list[tuple[str, str, int]]) -> None:
    for statement, measure, baseline in pairs:
        services.add_objective(
            engagement=engagement, statement=statement, success_measure=measure, baseline_rating=baseline, by=coach
        )


def _start(engagement: Engagement, coach: User, *, hours: str, fmt: str = Engagement.Format.REMOTE) -> Engagement:
    services.record_exploratory_session(
        engagement=engagement,
        held_on=engagement.opened_on,
        by=coach,
        summary="We agreed what success looks like and how we will work together.",
    )
    services.set_terms(
        engagement=engagement,
        by=coach,
        coaching_type="executive",
        planned_hours=Decimal(hours),
        session_frequency=Engagement.Frequency.FORTNIGHTLY,
        format=fmt,
        location="Northwind offices, room 4" if fmt != Engagement.Format.REMOTE else "",
        budget_amount=Decimal(hours) * 250,
        budget_currency="EUR",
    )
    return services.transition_engagement(engagement=engagement, to=Engagement.State.ACTIVE, by=coach)


def _held(engagement: Engagement, coach: User, day: date, **grow_fields):
    session = grow.schedule_session(engagement=engagement, scheduled_at=_at(day), by=coach)
    return grow.hold_session(
        session=session, duration_minutes=90, held_at=_at(day, 11), share_summary=True, by=coach, **grow_fields
    )


@transaction.atomic
def seed_demo(*, today: date | None = None) -> dict[str, User]:
    """Create the demo practice and return its people by username."""
    today = today or timezone.localdate()
    ada = _with_password(
        User.objects.create(**_user("ada", "Ada", "Lovelace"), role=User.Role.ADMIN, is_staff=True, is_superuser=True)
    )
    coach_rows = {}
    for username, first, last, capacity in [("alice", "Alice", "Martin", 8), ("bob", "Bob", "Durand", 6), ("chris", "Chris", "Okafor", 4)]:
        coach_rows[username] = services.add_coach(
            **_user(username, first, last), capacity=capacity, by=ada,
            bio=f"{first} is an ICF-certified executive coach.", specialties="leadership, transitions",
        )
        _with_password(coach_rows[username].user)
    alice, bob, chris = (coach_rows[n].user for n in ("alice", "bob", "chris"))
    services.update_coach(coach=coach_rows["bob"], supervisor=coach_rows["alice"], by=ada)
    for coach, level, expires in [(alice, "MCC", 400), (bob, "PCC", 45), (chris, "ACC", 700)]:
        services.record_certification(
            coach=coach.coach, body="ICF", level=level, number=f"ICF-{coach.pk:05d}",
            issued_on=today - timedelta(days=900), expires_on=today + timedelta(days=expires), by=ada,
        )
    services.log_supervision(coach=bob.coach, held_on=today - timedelta(days=20), hours=Decimal("1.5"), by=alice, topics="boundaries, contracting")
    northwind = services.add_organisation(name="Northwind Ltd", contact_name="Nora Hale", contact_email="hr@northwind.example", by=ada)

    people = {}
    for username, first, last in [
        ("carol", "Carol", "Nguyen"), ("dave", "Dave", "Moreau"), ("erin", "Erin", "Walsh"),
        ("ivy", "Ivy", "Chen"), ("jack", "Jack", "Brown"), ("kate", "Kate", "Silva"),
        ("liam", "Liam", "Roy"), ("mia", "Mia", "Costa"),
        ("frank", "Frank", "Meyer"), ("gina", "Gina", "Rossi"), ("hugo", "Hugo", "Laurent"),
    ]:
        coachee = services.add_coachee(**_user(username, first, last), organisation=northwind, job_title="Manager", by=ada)
        people[username] = _with_password(coachee.user)
    c = {name: user.coachee for name, user in people.items()}
    # carol takes each reminder at once, so the demo shows one within a scan at any hour;
    # everyone else keeps the default daily digest (sent from REMINDER_DIGEST_HOUR).
    people["carol"] = reminders.update_reminder_settings(
        user=people["carol"], by=people["carol"], reminder_mode=User.ReminderMode.IMMEDIATE, time_zone=settings.TIME_ZONE
    )

    def open_(coach: User, title: str, coachees: list[Coachee], days_ago: int, **kw) -> Engagement:
        kind = Engagement.Kind.TEAM if len(coachees) > 1 else Engagement.Kind.INDIVIDUAL
        return services.open_engagement(
            title=title, coach=coach.coach, coachees=coachees, kind=kind, organisation=northwind,
            opened_on=today - timedelta(days=days_ago), by=coach, **kw,
        )

    # Exploratory: just met, objectives being formulated.
    ivy_e = open_(chris, "Finding my feet as a new director", [c["ivy"]], 3)
    _objectives(ivy_e, chris, [("Build trust with my new team", "Team survey trust score ≥ 4/5", 4)])

    # Active, with two held sessions, one scheduled, and actions coming due.
    carol_e = open_(alice, "Leading a growing team", [c["carol"]], 60)
    _objectives(carol_e, alice, [
        ("Delegate the weekly reporting", "Two reports a month written by the team", 3),
        ("Hold regular one-to-ones", "A one-to-one with each report every fortnight", 2),
    ])
    _start(carol_e, alice, hours="12")
    first = _held(carol_e, alice, today - timedelta(days=40),
                  goal_today="Map what Carol does that others could do.",
                  reality_questions="What would happen if you stopped writing the report?",
                  reality_insights="Carol keeps the report because it makes her feel in control.",
                  options_explored="Delegation ladder; Eisenhower matrix.", options_strategies="Hand over one section at a time.",
                  commitment=8, summary="We mapped your tasks and chose the report as the first thing to delegate.")
    done = grow.agree_action(session=first, title="List the report's sections and who could own each", owner=carol_e.coachees.get().user, due_on=today - timedelta(days=30), by=alice)
    services.update_action_progress(item=done, status=ActionItem.Status.DONE, by=people["carol"])
    second = _held(carol_e, alice, today - timedelta(days=12),
                   goal_review="The section list is done.", goal_today="Prepare the first hand-over.",
                   reality_questions="Who on the team wants to grow?", reality_insights="Two people asked for more responsibility.",
                   options_explored="Role play of the hand-over conversation.", options_strategies="Pair on the first report.",
                   commitment=9, summary="You will hand over the first section and book one-to-ones.")
    grow.agree_action(session=second, title="Hand over the sales section to Sam", owner=people["carol"], due_on=today + timedelta(days=1), by=alice)
    grow.agree_action(session=second, title="Book fortnightly one-to-ones", owner=people["carol"], due_on=today + timedelta(days=7), by=alice)
    grow.agree_action(session=second, title="Send the delegation article", owner=alice, due_on=today - timedelta(days=2), by=alice)
    grow.write_private_note(session=second, body="Carol seemed tired; watch for overload.", by=alice)
    grow.schedule_session(engagement=carol_e, scheduled_at=_at(today + timedelta(days=2)), by=alice)

    # Paused.
    erin_e = open_(bob, "Returning from leave", [c["erin"]], 90)
    _objectives(erin_e, bob, [("Plan a confident return", "A return plan agreed with my manager", 5)])
    _start(erin_e, bob, hours="6")
    _held(erin_e, bob, today - timedelta(days=70), goal_today="Clarify the return date.", commitment=7, summary="We set a return date.")
    services.transition_engagement(engagement=erin_e, to=Engagement.State.PAUSED, by=bob)

    # In the skills assessment: one objective evaluated, one still to do.
    dave_e = open_(bob, "Preparing a career move", [c["dave"]], 150)
    _objectives(dave_e, bob, [
        ("Decide on my next role", "A decision written down with reasons", 2),
        ("Speak up in leadership meetings", "One proposal per meeting", 3),
    ])
    _start(dave_e, bob, hours="8")
    for weeks in (18, 14, 10, 6):
        _held(dave_e, bob, today - timedelta(weeks=weeks), goal_today="Review options.", commitment=8, summary="We reviewed your options.")
    services.transition_engagement(engagement=dave_e, to=Engagement.State.ASSESSMENT, by=bob)
    first_objective = dave_e.objectives.first()
    services.evaluate_objective(objective=first_objective, final_rating=8, outcome=Objective.Outcome.ACHIEVED, by=bob)

    # Closed, declined, cancelled.
    jack_e = open_(alice, "Managing conflict", [c["jack"]], 300)
    _objectives(jack_e, alice, [("Handle conflict calmly", "No escalation to HR in a quarter", 3)])
    _start(jack_e, alice, hours="6", fmt=Engagement.Format.IN_PERSON)
    for weeks in (38, 34, 30):
        _held(jack_e, alice, today - timedelta(weeks=weeks), goal_today="Practise a hard conversation.", commitment=8, summary="We practised.")
    services.transition_engagement(engagement=jack_e, to=Engagement.State.ASSESSMENT, by=alice)
    services.evaluate_objective(objective=jack_e.objectives.get(), final_rating=7, outcome=Objective.Outcome.ACHIEVED, by=alice)
    services.write_evaluation(engagement=jack_e, evaluation="Jack moved from avoiding conflict to naming it early.", by=alice)
    services.transition_engagement(engagement=jack_e, to=Engagement.State.CLOSED, by=alice)

    # Northwind's HR contact follows carol's and jack's engagements; jack approved his
    # report and consents to share it, carol has not consented (yet).
    nora = services.add_sponsor(organisation=northwind, **_user("nora", "Nora", "Hale"), job_title="Head of people", by=ada)
    _with_password(nora.user)
    for engagement in (carol_e, jack_e):
        services.name_sponsor(engagement=engagement, sponsor=nora, by=ada)
    services.rate_progress(objective=carol_e.objectives.first(), rating=5, by=alice, rated_on=today - timedelta(days=12))
    report = reports.produce_report(engagement=jack_e, by=alice)
    services.approve_report(report=report, by=people["jack"])
    services.give_consent(engagement=jack_e, by=people["jack"])

    liam_e = open_(chris, "Exploring coaching", [c["liam"]], 30)
    services.transition_engagement(engagement=liam_e, to=Engagement.State.DECLINED, by=chris, reason="Liam chose mentoring instead.")
    mia_e = open_(bob, "Sales leadership", [c["mia"]], 20)
    services.transition_engagement(engagement=mia_e, to=Engagement.State.CANCELLED, by=ada, reason="The sponsor withdrew its funding.")

    # MPC: an individual project and a team.
    kate_e = open_(alice, "Launching the Lyon branch (MPC)", [c["kate"]], 120, uses_mpc=True)
    _objectives(kate_e, alice, [("Open the branch on time and on budget", "Opened by the deadline within 5% of budget", 4)])
    kate_e = _start(kate_e, alice, hours="20", fmt=Engagement.Format.HYBRID)
    team_e = open_(chris, "Support team turnaround (MPC)", [c["frank"], c["gina"], c["hugo"]], 45, uses_mpc=True)
    _objectives(team_e, chris, [("Cut ticket backlog in half", "Backlog under 200 tickets", 3)])
    team_e = _start(team_e, chris, hours="16", fmt=Engagement.Format.IN_PERSON)
    seed_mpc_demo(individual=kate_e, team=team_e, coach_user=alice, team_coach_user=chris)

    return {"ada": ada, "alice": alice, "bob": bob, "chris": chris, **people}


def is_loaded() -> bool:
    return User.objects.filter(username="ada").exists() and Coach.objects.exists()
