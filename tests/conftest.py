"""The cast shared by every test (after healthchecks' alice / bob / charlie):

- ada: the practice admin;
- alice: a coach, who supervises bob; bob: a coach;
- carol: alice's coachee; dave: bob's coachee;
- eve: an outsider, a coachee with no engagement of hers;
- sam: a sponsor contact of Acme, carol's employer (see `sponsored`).

Engagements in a given state are built through the service functions, so the
rules hold in the data the tests start from.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from coaching.tokens import issue_token
from engagements import services
from engagements.models import Engagement, Objective, User
from sessions_grow import services as grow
from tests.factories import (
    CoacheeFactory,
    CoachFactory,
    OrganisationFactory,
    SponsorFactory,
    UserFactory,
)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true nothing may skip: CI provides every service, so a skip is a failure."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must provide everything: {report.longrepr}"


@pytest.fixture(autouse=True, scope="session")
def pages_show_no_codes():
    """Every page any test renders is read for codes shown to people (tests/words.py):
    installed once, before any test client or live server loads the middleware."""
    from django.conf import settings

    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.words.RawWordsMiddleware"]
    yield


@pytest.fixture
def typed_codes_shown():
    """For a test that types code-like text on purpose: its pages may show it."""
    from tests import words

    words.allowed["typed_codes"] = True
    yield
    words.allowed["typed_codes"] = False


@pytest.fixture(autouse=True)
def speaks_english():
    """Every test starts in English, the practice's default, whatever a request before it
    activated in this thread; a test that wants French asks for it (a person's preference,
    an Accept-Language header, translation.override)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast's passwords are hashed on every test; PBKDF2 would cost ~0.3 s a person."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def invitations_sent_in_process(monkeypatch):
    """A session's invitations go out from the worker. Without one, a test sends each in
    process when its change commits, as the worker would: queued on the shared broker, they
    would wait for the next test that starts a real worker (which then sees no such session)."""
    from sessions_grow import tasks

    monkeypatch.setattr(tasks.send_session_invitation, "delay", lambda **kwargs: tasks.send_session_invitation.run(**kwargs))


@pytest.fixture
def needs_postgres(db):
    """Skip (on a laptop) unless the test database is PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")


def broker_url() -> str:
    """REDIS_URL, or with the suite split over pytest-xdist processes one Redis database per
    process: each has its own test database, so a task one queues must never reach a worker
    the other started (its ids would name other rows)."""
    url = os.environ.get("REDIS_URL", "")
    process = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not process.startswith("gw"):
        return url
    return urlunsplit(urlsplit(url)._replace(path=f"/{10 + int(process[2:])}"))


@pytest.fixture(autouse=True, scope="session")
def one_broker_per_process():
    """Whatever a test queues goes to this process's own broker database, emptied first: a
    task left queued by an interrupted run would otherwise reach this run's first real worker
    and act on whatever rows now carry its ids."""
    from coaching.celery import app

    if url := broker_url():
        app.conf.broker_url = url
        if url != os.environ.get("REDIS_URL"):  # a database of the suite's own, never the app's
            app.control.purge()


@pytest.fixture
def redis_broker(monkeypatch):
    """Skip (on a laptop) unless REDIS_URL names a Redis, and make it the Celery broker."""
    from coaching.celery import app

    url = broker_url()
    if not url:
        pytest.skip("needs Redis: set REDIS_URL")
    monkeypatch.setattr(app.conf, "broker_url", url)
    return url


# --- the cast ---------------------------------------------------------------


@pytest.fixture
def ada(db) -> User:
    return UserFactory(username="ada", first_name="Ada", last_name="Admin", role=User.Role.ADMIN, is_staff=True)


@pytest.fixture
def alice(db) -> User:
    return CoachFactory(user__username="alice", user__first_name="Alice", user__last_name="Coach").user


@pytest.fixture
def bob(alice, ada) -> User:
    coach = CoachFactory(user__username="bob", user__first_name="Bob", user__last_name="Coach")
    services.update_coach(coach=coach, supervisor=alice.coach, by=ada)
    return coach.user


@pytest.fixture
def carol(db) -> User:
    return CoacheeFactory(user__username="carol", user__first_name="Carol", user__last_name="Client").user


@pytest.fixture
def dave(db) -> User:
    return CoacheeFactory(user__username="dave", user__first_name="Dave", user__last_name="Client").user


@pytest.fixture
def eve(db) -> User:
    return CoacheeFactory(user__username="eve", user__first_name="Eve", user__last_name="Outsider").user


# --- engagements in each state, built through the services ------------------

OPENED_ON = date(2026, 1, 5)

COMPLETE_TERMS = {
    "coaching_type": "executive",
    "planned_hours": Decimal("12"),
    "session_frequency": Engagement.Frequency.FORTNIGHTLY,
    "format": Engagement.Format.REMOTE,
    "location": "",
    "budget_amount": Decimal("3600"),
    "budget_currency": "EUR",
}


def open_for(coach: User, *coachees: User, title: str = "Leadership", **kwargs) -> Engagement:
    kind = Engagement.Kind.TEAM if len(coachees) > 1 else Engagement.Kind.INDIVIDUAL
    return services.open_engagement(
        title=title,
        coach=coach.coach,
        coachees=[c.coachee for c in coachees],
        kind=kind,
        by=coach,
        opened_on=kwargs.pop("opened_on", OPENED_ON),
        **kwargs,
    )


def activate(engagement: Engagement, coach: User) -> Engagement:
    services.record_exploratory_session(engagement=engagement, held_on=engagement.opened_on, by=coach)
    services.add_objective(
        engagement=engagement,
        statement="Delegate the weekly reporting",
        success_measure="Two reports a month written by the team",
        baseline_rating=3,
        by=coach,
    )
    services.set_terms(engagement=engagement, by=coach, **COMPLETE_TERMS)
    return services.transition_engagement(engagement=engagement, to=Engagement.State.ACTIVE, by=coach)


@pytest.fixture
def exploratory(alice, carol) -> Engagement:
    """alice's engagement with carol, just opened."""
    return open_for(alice, carol)


@pytest.fixture
def active(alice, carol) -> Engagement:
    """alice's engagement with carol, active: one objective, complete terms."""
    return activate(open_for(alice, carol), alice)


@pytest.fixture
def bobs(bob, dave) -> Engagement:
    """bob's active engagement with dave."""
    return activate(open_for(bob, dave, title="Career move"), bob)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def soon(now):
    return now + timedelta(days=2)


# --- more states, built through the services (added for the lifecycle tests) ---


def prepare_activation(engagement: Engagement, coach: User) -> Engagement:
    """Everything an exploratory engagement needs to become active, without moving it."""
    services.record_exploratory_session(engagement=engagement, held_on=engagement.opened_on, by=coach)
    services.add_objective(
        engagement=engagement,
        statement="Delegate the weekly reporting",
        success_measure="Two reports a month written by the team",
        baseline_rating=3,
        by=coach,
    )
    return services.set_terms(engagement=engagement, by=coach, **COMPLETE_TERMS)


def prepare_closing(engagement: Engagement, coach: User) -> Engagement:
    """Evaluate every objective and write the evaluation of an engagement in assessment."""
    for objective in engagement.objectives.all():
        services.evaluate_objective(
            objective=objective, final_rating=8, outcome=Objective.Outcome.ACHIEVED, by=coach
        )
    return services.write_evaluation(
        engagement=engagement, evaluation="Carol now delegates and trusts her team.", by=coach
    )


def engagement_in(state: str, coach: User, coachee: User, *, title: str = "Leadership") -> Engagement:
    """An engagement of `coach` with `coachee`, brought to `state` by the allowed moves."""
    State = Engagement.State
    engagement = open_for(coach, coachee, title=title)
    path = {
        State.EXPLORATORY: [],
        State.DECLINED: [State.DECLINED],
        State.CANCELLED: [State.CANCELLED],
        State.ACTIVE: [State.ACTIVE],
        State.PAUSED: [State.ACTIVE, State.PAUSED],
        State.ASSESSMENT: [State.ACTIVE, State.ASSESSMENT],
        State.CLOSED: [State.ACTIVE, State.ASSESSMENT, State.CLOSED],
    }[state]
    for step in path:
        if step == State.ACTIVE:
            prepare_activation(engagement, coach)
        if step == State.CLOSED:
            prepare_closing(engagement, coach)
        engagement = services.transition_engagement(engagement=engagement, to=step, by=coach, reason=f"Reached {step} for the test")
    return engagement


@pytest.fixture
def co_coached(active, bob, ada) -> Engagement:
    """alice's active engagement with carol, with bob named co-coach."""
    return services.add_co_coach(engagement=active, coach=bob.coach, by=ada)


# --- API clients and a held session -------------------------------------------


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _, key = issue_token(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def api():
    return client_for


@pytest.fixture
def held(active, alice, carol):
    """Session 1 of alice's engagement with carol, held, with an action for carol and
    alice's private note."""
    session = grow.schedule_session(engagement=active, scheduled_at=timezone.now() - timedelta(hours=2), by=alice)
    session = grow.hold_session(session=session, duration_minutes=60, goal_today="Delegate", summary="Shared", share_summary=True, by=alice)
    grow.agree_action(session=session, title="Hand over one report", owner=carol, due_on=timezone.localdate() + timedelta(days=7), by=alice)
    grow.write_private_note(session=session, body="alice's eyes only", by=alice)
    return session


# --- a sponsor contact and the engagement they follow ------------------------------


@pytest.fixture
def acme(carol):
    """Carol's employer, which pays for her coaching."""
    organisation = OrganisationFactory(name="Acme")
    carol.coachee.organisation = organisation
    carol.coachee.save()
    return organisation


@pytest.fixture
def sam(acme) -> User:
    """A contact of Acme who signs in to follow its engagements."""
    return SponsorFactory(user__username="sam", user__first_name="Sam", user__last_name="Sponsor", organisation=acme).user


@pytest.fixture
def sponsored(alice, carol, acme, sam) -> Engagement:
    """alice's active engagement with carol, paid by Acme, which sam follows (carol has not consented)."""
    engagement = activate(open_for(alice, carol, organisation=acme), alice)
    services.name_sponsor(engagement=engagement, sponsor=sam.sponsor, by=alice)
    return engagement
