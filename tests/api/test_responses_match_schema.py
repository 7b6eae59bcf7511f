"""Real answers against the committed contract: every operation of docs/openapi.yml is
made to succeed once, and what it answers — its status and its body — must be what the
contract documents. (tests/api/test_schema.py compares the contract with the code's; the
authorization matrix checks every role's refusals against it too.)"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coaching.tokens import issue_token
from engagements import services
from engagements.models import Engagement, User
from mpc import services as mpc
from mpc.models import ControlIndicator, Milestone, Stage
from sessions_grow import services as grow
from tests.api.contract import body_of, contract, problems
from tests.conftest import (
    activate,
    client_for,
    engagement_in,
    open_for,
    prepare_closing,
)
from tests.factories import CoacheeFactory
from tests.mpc.conftest import complete_through, fill_person_audit, open_goals_rated, start
from tests.security.conftest import PASSWORD
from tests.security.test_authorization_matrix import api_url, setup_certification, world  # noqa: F401 — the matrix's world, reused

TODAY = date.today()


@dataclass
class Call:
    """One request that must succeed: who sends it, how, and what it answers."""

    user: User | None
    method: str
    url: str
    body: dict | None = None
    status: int = 200


@pytest.fixture
def scene(alice, carol, ada):
    """alice's active MPC engagement with carol, stages laid out and none done, with a
    held session that agreed an action for carol."""
    engagement = start(activate(open_for(alice, carol, title="Project", uses_mpc=True), alice), alice)
    session = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(hours=2), by=alice)
    session = grow.hold_session(session=session, duration_minutes=60, summary="Shared", share_summary=True, by=alice)
    item = grow.agree_action(session=session, title="Call the supplier", owner=carol, due_on=TODAY + timedelta(days=3), by=alice)
    return {"engagement": engagement, "session": session, "item": item, "e": str(engagement.public_id)}


def monitored(scene, alice) -> Engagement:
    complete_through(scene["engagement"], alice, 6)
    return scene["engagement"]


def reached_milestone(scene, alice) -> Milestone:
    milestone = Milestone.objects.filter(goal__engagement=monitored(scene, alice)).first()
    mpc.update_milestone(milestone=milestone, progress=100, by=alice)
    return milestone


def stage_of(scene, number: int) -> Stage:
    return Stage.objects.get(engagement=scene["engagement"], number=number)


def flagged_for_review(scene, alice) -> Stage:
    """Stage 6 flagged after stage 5 was reopened and done again."""
    complete_through(scene["engagement"], alice, 6)
    mpc.reopen_stage(stage=stage_of(scene, 5), by=alice)
    mpc.complete_stage(stage=stage_of(scene, 5), by=alice)
    return stage_of(scene, 6)


def closable(alice, carol) -> Engagement:
    engagement = engagement_in(Engagement.State.ASSESSMENT, alice, carol, title="Second")
    return prepare_closing(engagement, alice)


def erasable(alice, ada) -> User:
    person = CoacheeFactory().user
    alice.coach.capacity = 20
    alice.coach.save()
    services.transition_engagement(engagement=open_for(alice, person, title="Brief"), to="declined", by=alice, reason="No fit")
    return person


def goal_body(**extra) -> dict:
    return {"title": "Grow turnover", "kind": "quantitative", "deadline": "2026-12-31", "metric": "turnover",
            "unit": "EUR", "baseline": "100000.00", "target": "150000.00", **extra}


# operation → how to make it succeed, given the scene and the cast
WRITES: dict[tuple[str, str], Callable[..., Call]] = {
    ("POST", "/api/v1/auth/token/"): lambda s, c: Call(None, "post", "/api/v1/auth/token/", {"username": "bob", "password": PASSWORD, "name": "cron"}),
    ("POST", "/api/v1/sign-in-links/"): lambda s, c: Call(None, "post", "/api/v1/sign-in-links/", {"email": c.carol.email}, 202),
    ("DELETE", "/api/v1/auth/tokens/{id}/"): lambda s, c: Call(c.bob, "delete", f"/api/v1/auth/tokens/{issue_token(user=c.bob)[0].public_id}/", status=204),
    ("POST", "/api/v1/coaches/"): lambda s, c: Call(c.ada, "post", "/api/v1/coaches/", {"email": "n@example.com", "first_name": "N", "last_name": "Coach"}, 201),
    ("PATCH", "/api/v1/coaches/{id}/"): lambda s, c: Call(c.ada, "patch", f"/api/v1/coaches/{c.bob.coach.public_id}/", {"capacity": 3}),
    ("POST", "/api/v1/certifications/"): lambda s, c: Call(c.ada, "post", "/api/v1/certifications/", {"coach": str(c.bob.coach.public_id), "body": "ICF", "level": "PCC", "expires_on": "2030-01-01"}, 201),
    ("POST", "/api/v1/organisations/"): lambda s, c: Call(c.alice, "post", "/api/v1/organisations/", {"name": "Acme"}, 201),
    ("POST", "/api/v1/coachees/"): lambda s, c: Call(c.alice, "post", "/api/v1/coachees/", {"email": "x@example.com", "first_name": "X", "last_name": "Client"}, 201),
    ("POST", "/api/v1/engagements/"): lambda s, c: Call(c.ada, "post", "/api/v1/engagements/", {"title": "New", "coach": str(c.bob.coach.public_id), "coachees": [str(c.dave.coachee.public_id)]}, 201),
    ("PATCH", "/api/v1/engagements/{id}/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/engagements/{s['e']}/", {"planned_hours": "14.50"}),
    ("POST", "/api/v1/engagements/{id}/transitions/"): lambda s, c: Call(c.alice, "post", f"/api/v1/engagements/{s['e']}/transitions/", {"to": "paused"}),
    ("POST", "/api/v1/engagements/{id}/exploratory/"): lambda s, c: Call(c.bob, "post", f"/api/v1/engagements/{open_for(c.bob, c.dave).public_id}/exploratory/", {"held_on": "2026-01-05"}, 201),
    ("POST", "/api/v1/engagements/{id}/assessment/"): lambda s, c: Call(c.alice, "post", f"/api/v1/engagements/{closable(c.alice, c.dave).public_id}/assessment/", {"evaluation": "Grew."}),
    ("POST", "/api/v1/objectives/"): lambda s, c: Call(c.alice, "post", "/api/v1/objectives/", {"engagement": s["e"], "statement": "Speak up", "success_measure": "Once a meeting", "baseline_rating": 2}, 201),
    ("POST", "/api/v1/objectives/{id}/evaluation/"): lambda s, c: Call(c.alice, "post", f"/api/v1/objectives/{engagement_in('assessment', c.alice, c.dave, title='Third').objectives.first().public_id}/evaluation/", {"final_rating": 7, "outcome": "partly"}),
    ("POST", "/api/v1/action-items/"): lambda s, c: Call(c.alice, "post", "/api/v1/action-items/", {"plan": str(s["item"].plan.public_id), "title": "Read", "owner": str(c.carol.public_id)}, 201),
    ("PATCH", "/api/v1/action-items/{id}/"): lambda s, c: Call(c.carol, "patch", f"/api/v1/action-items/{s['item'].public_id}/", {"progress": 40}),
    ("POST", "/api/v1/sessions/"): lambda s, c: Call(c.alice, "post", "/api/v1/sessions/", {"engagement": s["e"], "scheduled_at": (timezone.now() + timedelta(days=1)).isoformat()}, 201),
    ("PATCH", "/api/v1/sessions/{id}/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/sessions/{s['session'].public_id}/", {"goal_today": "More"}),
    ("POST", "/api/v1/sessions/{id}/hold/"): lambda s, c: Call(c.alice, "post", f"/api/v1/sessions/{grow.schedule_session(engagement=s['engagement'], scheduled_at=timezone.now(), by=c.alice).public_id}/hold/", {"duration_minutes": 45, "commitment": 8}),
    ("POST", "/api/v1/sessions/{id}/call-off/"): lambda s, c: Call(c.alice, "post", f"/api/v1/sessions/{grow.schedule_session(engagement=s['engagement'], scheduled_at=timezone.now(), by=c.alice).public_id}/call-off/", {"no_show": True, "reason": "No answer on the phone"}),
    ("POST", "/api/v1/sessions/{id}/actions/"): lambda s, c: Call(c.alice, "post", f"/api/v1/sessions/{s['session'].public_id}/actions/", {"title": "Write it down", "owner": str(c.carol.public_id), "due_on": "2026-12-01"}, 201),
    ("PUT", "/api/v1/sessions/{id}/private-note/"): lambda s, c: Call(c.alice, "put", f"/api/v1/sessions/{s['session'].public_id}/private-note/", {"body": "mine"}),
    ("POST", "/api/v1/privacy/coachees/{id}/erase/"): lambda s, c: Call(c.ada, "post", f"/api/v1/privacy/coachees/{erasable(c.alice, c.ada).coachee.public_id}/erase/", status=204),
    ("POST", "/api/v1/mpc/stages/"): lambda s, c: Call(c.bob, "post", "/api/v1/mpc/stages/", {"engagement": str(activate(open_for(c.bob, c.dave, uses_mpc=True), c.bob).public_id)}, 201),
    ("POST", "/api/v1/mpc/stages/{id}/complete/"): lambda s, c: (fill_person_audit(s["engagement"], c.alice), Call(c.alice, "post", f"/api/v1/mpc/stages/{stage_of(s, 1).public_id}/complete/"))[1],
    ("POST", "/api/v1/mpc/stages/{id}/reopen/"): lambda s, c: (complete_through(s["engagement"], c.alice, 1), Call(c.alice, "post", f"/api/v1/mpc/stages/{stage_of(s, 1).public_id}/reopen/"))[1],
    ("POST", "/api/v1/mpc/stages/{id}/confirm-review/"): lambda s, c: Call(c.alice, "post", f"/api/v1/mpc/stages/{flagged_for_review(s, c.alice).public_id}/confirm-review/"),
    ("POST", "/api/v1/mpc/audit-ratings/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/audit-ratings/", {"engagement": s["e"], "area": "knowledge", "rating": 5, "required": 7}, 201),
    ("POST", "/api/v1/mpc/team-observations/"): lambda s, c: Call(c.bob, "post", "/api/v1/mpc/team-observations/", {"engagement": str(start(activate(open_for(c.bob, c.dave, c.eve, uses_mpc=True), c.bob), c.bob).public_id), "aspect": "trust", "observation": "Good"}, 201),
    ("POST", "/api/v1/mpc/customers/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/customers/", {"engagement": s["e"], "name": "Retail", "expectations": "Figures"}, 201),
    ("POST", "/api/v1/mpc/partners/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/partners/", {"engagement": s["e"], "name": "IT", "part": "Builds"}, 201),
    ("POST", "/api/v1/mpc/factors/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/factors/", {"engagement": s["e"], "description": "Staffing", "nature": "human", "effect": "hinders", "weight": 4}, 201),
    ("POST", "/api/v1/mpc/missions/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/missions/", {"engagement": s["e"], "statement": "Reliable reporting", "values": "Trust"}, 201),
    ("POST", "/api/v1/mpc/goals/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/goals/", goal_body(engagement=s["e"]), 201),
    ("POST", "/api/v1/mpc/milestones/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/milestones/", {"goal": str(mpc.add_goal(engagement=s["engagement"], title="G", kind="qualitative", deadline=date(2026, 12, 31), success_sign="Calm meetings", by=c.alice).public_id), "title": "Half", "due_on": "2026-06-30", "owner": str(c.carol.public_id)}, 201),
    ("PATCH", "/api/v1/mpc/milestones/{id}/"): lambda s, c: Call(c.carol, "patch", f"/api/v1/mpc/milestones/{Milestone.objects.filter(goal__engagement=monitored(s, c.alice)).first().public_id}/", {"progress": 30}),
    ("POST", "/api/v1/mpc/milestones/{id}/next-goal/"): lambda s, c: Call(c.alice, "post", f"/api/v1/mpc/milestones/{reached_milestone(s, c.alice).public_id}/next-goal/", goal_body(), 201),
    ("POST", "/api/v1/mpc/activity-flows/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/activity-flows/", {"engagement": s["e"], "name": "Reporting", "owner": str(c.carol.public_id)}, 201),
    ("POST", "/api/v1/mpc/resources/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/resources/", {"engagement": s["e"], "kind": "technical", "name": "CRM"}, 201),
    ("POST", "/api/v1/mpc/roles/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/roles/", {"engagement": s["e"], "holder": str(c.carol.public_id), "title": "Lead", "responsibilities": "All"}, 201),
    ("POST", "/api/v1/mpc/plan-items/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/plan-items/", {"engagement": s["e"], "plan_kind": "personal", "title": "Rest", "category": "hobby", "owner": str(c.carol.public_id)}, 201),
    ("POST", "/api/v1/mpc/check-ins/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/check-ins/", {"engagement": str(monitored(s, c.alice).public_id), "held_on": "2026-03-01", "notes": "On track", "readings": [{"goal": str(s["engagement"].mpc_goals.filter(kind="quantitative").first().public_id), "value": "120000.00", "unit": "EUR"}], "ratings": [{"goal": str(goal.public_id), "rating": rating} for goal, rating in open_goals_rated(s["engagement"]).items()], "milestone_progress": []}, 201),
    # Correcting and withdrawing (issue 12): each makes its own row, then changes it.
    ("DELETE", "/api/v1/action-items/{id}/"): lambda s, c: Call(c.alice, "delete", f"/api/v1/action-items/{grow.agree_action(session=s['session'], title='Spare', by=c.alice).public_id}/", status=204),
    ("PATCH", "/api/v1/certifications/{id}/"): lambda s, c: Call(c.ada, "patch", f"/api/v1/certifications/{spare_certification(c).public_id}/", {"number": "E-1"}),
    ("DELETE", "/api/v1/certifications/{id}/"): lambda s, c: Call(c.ada, "delete", f"/api/v1/certifications/{spare_certification(c).public_id}/", status=204),
    ("POST", "/api/v1/certifications/{id}/revoke/"): lambda s, c: Call(c.ada, "post", f"/api/v1/certifications/{spare_certification(c).public_id}/revoke/", {"reason": "Lapsed membership"}),
    ("PATCH", "/api/v1/coachees/{id}/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/coachees/{c.carol.coachee.public_id}/", {"job_title": "CFO"}),
    ("POST", "/api/v1/engagements/{id}/co-coaches/"): lambda s, c: Call(c.ada, "post", f"/api/v1/engagements/{s['e']}/co-coaches/", {"coach": str(c.bob.coach.public_id)}, 201),
    ("DELETE", "/api/v1/engagements/{id}/co-coaches/{coach_id}/"): lambda s, c: (
        services.add_co_coach(engagement=s["engagement"], coach=c.bob.coach, by=c.ada),
        Call(c.ada, "delete", f"/api/v1/engagements/{s['e']}/co-coaches/{c.bob.coach.public_id}/", status=204),
    )[1],
    ("PATCH", "/api/v1/engagements/{id}/exploratory/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/engagements/{s['e']}/exploratory/", {"summary_shared": True}),
    ("POST", "/api/v1/engagements/{id}/lead-coach/"): lambda s, c: Call(c.ada, "post", f"/api/v1/engagements/{s['e']}/lead-coach/", {"coach": str(c.bob.coach.public_id)}),
    ("PATCH", "/api/v1/objectives/{id}/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/objectives/{s['engagement'].objectives.first().public_id}/", {"statement": "Delegate more"}),
    ("DELETE", "/api/v1/objectives/{id}/"): lambda s, c: Call(c.alice, "delete", f"/api/v1/objectives/{services.add_objective(engagement=s['engagement'], statement='Spare', success_measure='Spare', baseline_rating=3, by=c.alice).public_id}/", status=204),
    ("POST", "/api/v1/objectives/{id}/self-rating/"): lambda s, c: Call(c.carol, "post", f"/api/v1/objectives/{s['engagement'].objectives.first().public_id}/self-rating/", {"rating": 4}),
    ("PATCH", "/api/v1/organisations/{id}/"): lambda s, c: Call(c.alice, "patch", f"/api/v1/organisations/{services.add_organisation(name='Acme', by=c.ada).public_id}/", {"contact_name": "Ann"}),
    ("DELETE", "/api/v1/organisations/{id}/"): lambda s, c: Call(c.alice, "delete", f"/api/v1/organisations/{services.add_organisation(name='Acmee', by=c.ada).public_id}/", status=204),
    ("PUT", "/api/v1/language/"): lambda s, c: Call(c.carol, "put", "/api/v1/language/", {"language": "fr"}),
    ("PUT", "/api/v1/reminder-settings/"): lambda s, c: Call(c.carol, "put", "/api/v1/reminder-settings/", {"reminder_mode": "off", "time_zone": "Europe/Paris"}),
    ("PATCH", "/api/v1/calendar-feed/"): lambda s, c: Call(c.carol, "patch", "/api/v1/calendar-feed/", {"shows": "busy"}),
    ("POST", "/api/v1/calendar-feed/renewal/"): lambda s, c: Call(c.carol, "post", "/api/v1/calendar-feed/renewal/"),
    ("POST", "/api/v1/sessions/{id}/reschedule/"): lambda s, c: Call(
        c.alice, "post", f"/api/v1/sessions/{grow.schedule_session(engagement=s['engagement'], scheduled_at=timezone.now() + timedelta(days=2), by=c.alice).public_id}/reschedule/",
        {"scheduled_at": (timezone.now() + timedelta(days=3)).isoformat(), "reason": "Carol travels"},
    ),
    ("POST", "/api/v1/supervision-entries/"): lambda s, c: Call(c.bob, "post", "/api/v1/supervision-entries/", {"coach": str(c.bob.coach.public_id), "held_on": "2026-01-10", "hours": "1.50"}, 201),
    ("PATCH", "/api/v1/supervision-entries/{id}/"): lambda s, c: Call(c.bob, "patch", f"/api/v1/supervision-entries/{spare_entry(c).public_id}/", {"topics": "ethics"}),
    ("DELETE", "/api/v1/supervision-entries/{id}/"): lambda s, c: Call(c.bob, "delete", f"/api/v1/supervision-entries/{spare_entry(c).public_id}/", status=204),
    ("POST", "/api/v1/supervision-entries/{id}/confirm/"): lambda s, c: Call(c.alice, "post", f"/api/v1/supervision-entries/{spare_entry(c).public_id}/confirm/"),
}
# Sponsors and the engagement report (issue 17).
WRITES |= {
    ("POST", "/api/v1/sponsors/"): lambda s, c: Call(c.ada, "post", "/api/v1/sponsors/", {"organisation": str(sponsor_org(s, c).public_id), "email": "sam@sponsor.example", "first_name": "Sam", "last_name": "Sponsor"}, 201),
    ("PATCH", "/api/v1/sponsors/{id}/"): lambda s, c: Call(c.ada, "patch", f"/api/v1/sponsors/{spare_sponsor(s, c).public_id}/", {"job_title": "Head of people"}),
    ("DELETE", "/api/v1/sponsors/{id}/"): lambda s, c: Call(c.ada, "delete", f"/api/v1/sponsors/{spare_sponsor(s, c).public_id}/", status=204),
    ("POST", "/api/v1/engagements/{id}/sponsors/"): lambda s, c: Call(c.alice, "post", f"/api/v1/engagements/{s['e']}/sponsors/", {"sponsor": str(spare_sponsor(s, c).public_id)}, 201),
    ("DELETE", "/api/v1/engagements/{id}/sponsors/{sponsor_id}/"): lambda s, c: Call(c.alice, "delete", f"/api/v1/engagements/{s['e']}/sponsors/{seated_sponsor(s, c).public_id}/", status=204),
    ("POST", "/api/v1/engagements/{id}/sponsor-consent/"): lambda s, c: Call(c.carol, "post", f"/api/v1/engagements/{s['e']}/sponsor-consent/", status=201),
    ("DELETE", "/api/v1/engagements/{id}/sponsor-consent/"): lambda s, c: (
        services.give_consent(engagement=s["engagement"], by=c.carol),
        Call(c.carol, "delete", f"/api/v1/engagements/{s['e']}/sponsor-consent/"),
    )[1],
    ("POST", "/api/v1/objectives/{id}/progress-rating/"): lambda s, c: Call(c.alice, "post", f"/api/v1/objectives/{s['engagement'].objectives.first().public_id}/progress-rating/", {"rating": 5}),
    ("POST", "/api/v1/engagement-reports/"): lambda s, c: Call(c.alice, "post", "/api/v1/engagement-reports/", {"engagement": str(closable(c.alice, c.dave).public_id)}, 201),
    ("POST", "/api/v1/engagement-reports/{id}/approval/"): lambda s, c: Call(c.dave, "post", f"/api/v1/engagement-reports/{produced_report(c).public_id}/approval/"),
    ("POST", "/api/v1/engagement-reports/{id}/change-request/"): lambda s, c: Call(c.dave, "post", f"/api/v1/engagement-reports/{produced_report(c).public_id}/change-request/", {"changes": "Add the March milestone"}),
    ("PUT", "/api/v1/sponsor-settings/"): lambda s, c: Call(spare_sponsor(s, c).user, "put", "/api/v1/sponsor-settings/", {"notify_on_report": True}),
}


def sponsor_org(s, c):
    """The scene's engagement made a sponsored one: carol's employer pays for it."""
    organisation = services.add_organisation(name=f"Carol's employer {uuid.uuid4().hex[:4]}", by=c.ada)
    services.revise_engagement(engagement=s["engagement"], organisation=organisation, by=c.alice)
    return organisation


def spare_sponsor(s, c):
    return services.add_sponsor(organisation=sponsor_org(s, c), email=f"s{uuid.uuid4().hex[:6]}@sponsor.example", first_name="Sam", last_name="Sponsor", by=c.ada)


def seated_sponsor(s, c):
    sponsor = spare_sponsor(s, c)
    services.name_sponsor(engagement=s["engagement"], sponsor=sponsor, by=c.alice)
    return sponsor


def produced_report(c):
    from coaching import reports

    return reports.produce_report(engagement=closable(c.alice, c.dave), by=c.alice)


for _kind, _make, _change in [
    ("audit-ratings", lambda s, c: mpc.rate_person(engagement=s["engagement"], area="knowledge", rating=4, required=7, by=c.alice), {"rating": 5}),
    ("customers", lambda s, c: mpc.add_customer(engagement=s["engagement"], name="Retail", expectations="Figures", by=c.alice), {"expectations": "Weekly"}),
    ("partners", lambda s, c: mpc.add_partner(engagement=s["engagement"], name="IT", part="Builds", by=c.alice), {"part": "Runs"}),
    ("factors", lambda s, c: mpc.add_factor(engagement=s["engagement"], description="Staffing", nature="human", effect="hinders", weight=4, by=c.alice), {"weight": 3}),
    ("missions", lambda s, c: mpc.define_mission(engagement=s["engagement"], statement="Reliable reporting", values="Trust", by=c.alice), {"statement": "Reporting people trust"}),
    ("goals", lambda s, c: mpc.add_goal(engagement=s["engagement"], title="G", kind="qualitative", deadline=date(2026, 12, 31), success_sign="Calm meetings", by=c.alice), {"title": "Better atmosphere"}),
    ("activity-flows", lambda s, c: mpc.add_activity_flow(engagement=s["engagement"], name="Reporting", owner=c.carol, by=c.alice), {"description": "Weekly"}),
    ("resources", lambda s, c: mpc.add_resource(engagement=s["engagement"], kind="technical", name="CRM", by=c.alice), {"name": "The CRM"}),
    ("roles", lambda s, c: mpc.assign_role(engagement=s["engagement"], holder=c.carol, title="Lead", responsibilities="All", by=c.alice), {"title": "Reporting lead"}),
    ("plan-items", lambda s, c: mpc.add_plan_item(engagement=s["engagement"], plan_kind="personal", title="Rest", category="hobby", owner=c.carol, by=c.alice), {"title": "Rest on Sundays"}),
    ("check-ins", lambda s, c: mpc.record_check_in(engagement=monitored(s, c.alice), held_on=date(2026, 3, 1), ratings=open_goals_rated(s["engagement"]), by=c.alice), {"notes": "On track"}),
    ("indicators", lambda s, c: spare_indicator(s, c), {"title": "Offers answered the same day"}),
    ("indicator-readings", lambda s, c: mpc.record_reading(indicator=control_indicator(s, c), value=Decimal(9), unit="complaints", read_on=date(2026, 4, 2), by=c.alice), {"value": "7.00"}),
    ("team-observations", lambda s, c: mpc.observe_team(engagement=team_of(c), aspect="trust", observation="Good", by=c.bob), {"observation": "Better"}),
]:
    _who = "bob" if _kind == "team-observations" else "alice"
    WRITES[("PATCH", f"/api/v1/mpc/{_kind}/{{id}}/")] = lambda s, c, k=_kind, make=_make, change=_change, who=_who: Call(getattr(c, who), "patch", f"/api/v1/mpc/{k}/{make(s, c).public_id}/", change)
    WRITES[("DELETE", f"/api/v1/mpc/{_kind}/{{id}}/")] = lambda s, c, k=_kind, make=_make, who=_who: Call(getattr(c, who), "delete", f"/api/v1/mpc/{k}/{make(s, c).public_id}/", status=204)
WRITES[("DELETE", "/api/v1/mpc/milestones/{id}/")] = lambda s, c: Call(
    c.alice, "delete",
    f"/api/v1/mpc/milestones/{mpc.add_milestone(goal=mpc.add_goal(engagement=s['engagement'], title='G', kind='qualitative', deadline=date(2026, 12, 31), success_sign='Calm meetings', by=c.alice), title='Half', due_on=date(2026, 6, 30), by=c.alice).public_id}/",
    status=204,
)


def planning(s, c) -> Engagement:
    """The scene's engagement with stages 1–5 done: the double plan is being written."""
    complete_through(s["engagement"], c.alice, 5)
    return s["engagement"]


def spare_indicator(s, c):
    return mpc.add_control_indicator(
        engagement=planning(s, c), title="Offers answered within a day", owner=c.carol, due_on=date(2026, 10, 1),
        unit="%", baseline=Decimal(60), target=Decimal(90), direction="up", by=c.alice,
    )


def control_indicator(s, c):
    """The control indicator of the scene's engagement in monitoring (its owner is carol)."""
    return ControlIndicator.objects.get(item__plan__engagement=monitored(s, c.alice))


def mission_to_complete(s, c):
    """The scene's mission once a check-in has reached every milestone."""
    engagement = monitored(s, c.alice)
    mpc.record_check_in(
        engagement=engagement, held_on=date(2026, 4, 1), ratings=open_goals_rated(engagement),
        milestone_progress={milestone: 100 for milestone in Milestone.objects.filter(goal__engagement=engagement)}, by=c.alice,
    )
    return engagement.mpc_mission


# MPC as the method describes it (issue 14): control indicators, their readings, the mission completed.
WRITES |= {
    ("POST", "/api/v1/mpc/indicators/"): lambda s, c: Call(c.alice, "post", "/api/v1/mpc/indicators/", {
        "engagement": str(planning(s, c).public_id), "title": "Offers answered within a day", "owner": str(c.carol.public_id),
        "due_on": "2026-10-01", "unit": "%", "baseline": "60.00", "target": "90.00", "direction": "up",
    }, 201),
    ("POST", "/api/v1/mpc/indicator-readings/"): lambda s, c: Call(c.carol, "post", "/api/v1/mpc/indicator-readings/", {
        "indicator": str(control_indicator(s, c).public_id), "value": "8.00", "unit": "complaints", "read_on": "2026-04-01",
    }, 201),
    ("POST", "/api/v1/mpc/missions/{id}/complete/"): lambda s, c: Call(
        c.alice, "post", f"/api/v1/mpc/missions/{mission_to_complete(s, c).public_id}/complete/", {"completed_on": "2026-04-02", "closing_note": "Done"},
    ),
}


def spare_certification(c):
    return services.record_certification(coach=c.bob.coach, body="EMCC", level=f"EIA {uuid.uuid4().hex[:6]}", by=c.ada)


def spare_entry(c):
    return services.log_supervision(coach=c.bob.coach, held_on=date(2026, 1, 10), hours=Decimal("1"), by=c.bob)


def team_of(c):
    return start(activate(open_for(c.bob, c.dave, c.eve, uses_mpc=True, title="Team"), c.bob), c.bob)
# A team observation only exists in team coaching, which the matrix's world has none of.
TEAM_ONLY = "/api/v1/mpc/team-observations/{id}/"


def operations() -> list:
    ops = sorted((method.upper(), path) for path, item in contract()["paths"].items() for method in item)
    return [
        pytest.param(method, path, id=f"{method} {path}")
        for method, path in ops
        if path != "/api/schema/"  # YAML, not JSON: tests/api/test_schema.py checks it
    ]


class Cast:
    def __init__(self, request) -> None:
        self.request = request

    def __getattr__(self, name: str) -> User:
        return self.request.getfixturevalue(name)


def read(path: str, request) -> Call:
    """A read that succeeds: the admin reads the matrix's world."""
    if path == TEAM_ONLY:
        bob, dave, eve = (request.getfixturevalue(n) for n in ("bob", "dave", "eve"))
        team = start(activate(open_for(bob, dave, eve, uses_mpc=True, title="Team"), bob), bob)
        observation = mpc.observe_team(engagement=team, aspect="trust", observation="Good", member=dave, rating=6, by=bob)
        return Call(request.getfixturevalue("ada"), "get", f"/api/v1/mpc/team-observations/{observation.public_id}/")
    world_ = request.getfixturevalue("world")
    request.getfixturevalue("setup_certification")
    url = api_url("GET", path, world_, request)
    if path.startswith(("/api/v1/sponsor/", "/api/v1/sponsor-settings/")):
        return Call(world_["sam"], "get", url)  # the sponsor's own view: nobody else has one
    if path == "/api/v1/mpc/stages/progress/":
        url += f"?engagement={world_['engagement'].public_id}"
    if path == "/api/v1/reports/coach-hours/":
        url += "?start=2026-01-01&end=2026-12-31"
    return Call(request.getfixturevalue("ada"), "get", url)


@pytest.mark.parametrize("method, path", operations())
def test_every_operation_answers_as_the_committed_contract_says(method, path, request, ada, alice, bob, carol, dave):
    if method == "GET":
        call = read(path, request)
    else:
        call = WRITES[(method, path)](request.getfixturevalue("scene"), Cast(request))
    client = client_for(call.user)

    response = getattr(client, call.method)(call.url, call.body, format="json") if call.body is not None else getattr(client, call.method)(call.url)

    assert response.status_code == call.status, response.content[:500]
    assert problems(method, call.url.split("?")[0], response.status_code, body_of(response)) == []


def test_every_write_of_the_contract_has_a_recipe():
    writes = {(m, p) for m, p in ((m.upper(), p) for p, item in contract()["paths"].items() for m in item) if m != "GET"}

    assert writes == set(WRITES)


def test_the_checker_catches_a_body_that_breaks_the_contract():
    assert problems("GET", "/api/v1/engagements/", 200, {"count": "three", "results": []})
    assert problems("GET", "/api/v1/engagements/", 418, None)
    assert problems("GET", "/api/v1/engagements/", 200, {"count": 0, "next": None, "previous": None, "results": []}) == []


def test_a_decimal_outside_its_pattern_is_refused_as_the_contract_says(alice, scene):
    client = client_for(alice)

    answers = {value: client.patch(f"/api/v1/engagements/{scene['e']}/", {"planned_hours": value}, format="json").status_code
               for value in ["-", ".", "", "1e2", "-5", "12345.00", "14.5"]}

    assert answers == {"-": 400, ".": 400, "": 400, "1e2": 400, "-5": 400, "12345.00": 400, "14.5": 200}


def test_an_unknown_property_is_refused_and_documented_so(alice, scene):
    schema = contract()["components"]["schemas"]["PatchedEngagementUpdateRequest"]

    response = client_for(alice).patch(f"/api/v1/engagements/{scene['e']}/", {"planned_hours": "14.50", "colour": "red"}, format="json")

    assert schema["additionalProperties"] is False
    assert response.status_code == 400 and response.json() == {"colour": ["Unknown field."]}


def test_decimals_in_the_contract_require_digits():
    patterns = {
        schema["pattern"]
        for component in contract()["components"]["schemas"].values()
        for schema in component.get("properties", {}).values()
        if schema.get("format") == "decimal"
    }

    assert patterns and all(r"\d{0," not in pattern and r"\d{1," in pattern for pattern in patterns), patterns
