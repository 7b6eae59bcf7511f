"""The engagement's lifecycle: opening it, its coaches, its states, the exploratory session
with the client's objectives and the coach's terms, and the closing skills assessment."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from engagements.models import (
    ActionPlan,
    Coach,
    Coachee,
    Engagement,
    ExploratorySession,
    Objective,
    Organisation,
    User,
)
from engagements.services.guards import RuleBroken, ensure_admin, ensure_coach_of, ensure_state, lock, record_event, save_valid
from engagements.services.roster import add_coachee, send_invitation

# ---------------------------------------------------------------------------
# Engagement lifecycle
# ---------------------------------------------------------------------------


def _ensure_can_take(coach: Coach, *, extra: int = 1) -> None:
    """A coach must be active and below capacity to be given an engagement."""
    coach = Coach.objects.select_for_update().get(pk=coach.pk)
    if not coach.is_active:
        raise RuleBroken("coach_inactive", f"{coach} is not an active coach")
    if coach.open_engagement_count + extra > coach.capacity:
        raise RuleBroken("coach_at_capacity", f"{coach} is at capacity ({coach.capacity} open engagements)")


@transaction.atomic
def open_engagement(
    *,
    title: str,
    coach: Coach,
    coachees: list[Coachee],
    by: User,
    kind: str = Engagement.Kind.INDIVIDUAL,
    organisation: Organisation | None = None,
    uses_mpc: bool = False,
    opened_on: date | None = None,
) -> Engagement:
    """Open an engagement in its exploratory state for a coach and their client(s)."""
    if not (by.is_practice_admin or (by.role == User.Role.COACH and coach.user_id == by.pk)):
        raise PermissionDenied("Only an admin, or the coach themself, opens an engagement.")
    if kind == Engagement.Kind.INDIVIDUAL and len(coachees) != 1:
        raise ValidationError({"coachees": "Individual coaching has exactly one coachee."})
    if kind == Engagement.Kind.TEAM and len(coachees) < 2:
        raise ValidationError({"coachees": "Team coaching needs at least two team members."})
    _ensure_can_take(coach)
    engagement = Engagement(
        title=title,
        coach=coach,
        kind=kind,
        organisation=organisation,
        uses_mpc=uses_mpc,
        opened_on=opened_on or timezone.localdate(),
    )
    save_valid(engagement)
    engagement.coachees.set(coachees)
    ActionPlan.objects.create(engagement=engagement, kind=ActionPlan.Kind.SESSIONS)
    record_event(
        engagement=engagement, by=by, action="engagement.opened", to_state=engagement.state, subject=title
    )
    return engagement


@transaction.atomic
def take_on_client(
    *,
    title: str,
    email: str,
    first_name: str,
    last_name: str,
    by: User,
    job_title: str = "",
    organisation: Organisation | None = None,
    uses_mpc: bool = False,
    opened_on: date | None = None,
) -> Engagement:
    """A coach registers a new client, opens an exploratory engagement with them and invites them."""
    if by.role != User.Role.COACH or not hasattr(by, "coach"):
        raise PermissionDenied("Only a coach takes on a client.")
    coachee = add_coachee(
        email=email, first_name=first_name, last_name=last_name, by=by,
        organisation=organisation, job_title=job_title,
    )
    engagement = open_engagement(
        title=title, coach=by.coach, coachees=[coachee], by=by, uses_mpc=uses_mpc, opened_on=opened_on
    )
    send_invitation(coachee.user)
    return engagement


@transaction.atomic
def assign_coach(*, engagement: Engagement, coach: Coach, by: User) -> Engagement:
    """Hand an open engagement to another lead coach (refused when they are full)."""
    ensure_admin(by)
    engagement = lock(engagement)
    if not engagement.is_open:
        raise RuleBroken("engagement_ended", "a finished engagement keeps its coach")
    if coach.pk == engagement.coach_id:
        return engagement
    _ensure_can_take(coach)
    previous = engagement.coach
    engagement.coach = coach
    engagement.save(update_fields=["coach", "updated_at"])
    engagement.co_coaches.remove(coach)  # the new lead is no longer "co"
    record_event(engagement=engagement, by=by, action="engagement.coach_assigned", subject=f"{previous} → {coach}")
    return engagement


@transaction.atomic
def add_co_coach(*, engagement: Engagement, coach: Coach, by: User) -> Engagement:
    """Name a co-coach, who then sees and writes the engagement's content."""
    ensure_admin(by)
    engagement = lock(engagement)
    if not engagement.is_open:
        raise RuleBroken("engagement_ended", "a finished engagement takes no new co-coach")
    if coach.pk == engagement.coach_id:
        raise RuleBroken("already_lead", f"{coach} already leads this engagement")
    if not coach.is_active:
        raise RuleBroken("coach_inactive", f"{coach} is not an active coach")
    engagement.co_coaches.add(coach)
    record_event(engagement=engagement, by=by, action="engagement.co_coach_added", subject=str(coach))
    return engagement


@transaction.atomic
def transition_engagement(*, engagement: Engagement, to: str, by: User) -> Engagement:
    """Move an engagement along its lifecycle if the table and the guards allow it."""
    engagement = lock(engagement)
    # The coach runs the lifecycle; an admin may only cancel (e.g. the sponsor withdrew).
    if not (to == Engagement.State.CANCELLED and by.is_practice_admin):
        ensure_coach_of(engagement, by)
    if rules := engagement.unmet_rules(to):
        raise RuleBroken.first_of(rules)
    from_state = engagement.state
    engagement.state = to
    engagement.save(update_fields=["state", "updated_at"])
    record_event(
        engagement=engagement, by=by, action="engagement.transition", from_state=from_state, to_state=to
    )
    return engagement


# --- exploratory session: objectives and terms ------------------------------


@transaction.atomic
def record_exploratory_session(
    *, engagement: Engagement, held_on: date, by: User, duration_minutes: int = 60, summary: str = ""
) -> ExploratorySession:
    """Record the exploratory session; an engagement has one, dated on or after its opening."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, doing="record the exploratory session")
    if ExploratorySession.objects.filter(engagement=engagement).exists():
        raise RuleBroken("exploratory_exists", "this engagement already has its exploratory session")
    if held_on < engagement.opened_on:
        raise ValidationError({"held_on": "The session cannot be dated before the engagement opened."})
    session = ExploratorySession(
        engagement=engagement, held_on=held_on, duration_minutes=duration_minutes, summary=summary
    )
    save_valid(session)
    record_event(engagement=engagement, by=by, action="exploratory.recorded")
    return session


@transaction.atomic
def add_objective(
    *, engagement: Engagement, statement: str, success_measure: str, baseline_rating: int, by: User
) -> Objective:
    """Add a result the client wants to reach, with how success is measured and where they start."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, doing="add an objective")
    objective = Objective(
        engagement=engagement,
        statement=statement,
        success_measure=success_measure,
        baseline_rating=baseline_rating,
        position=engagement.objectives.count() + 1,
    )
    save_valid(objective)
    record_event(engagement=engagement, by=by, action="objective.added", subject=f"objective {objective.position}")
    return objective


TERM_FIELDS = (
    "coaching_type",
    "planned_hours",
    "session_frequency",
    "format",
    "location",
    "budget_amount",
    "budget_currency",
)


@transaction.atomic
def set_terms(*, engagement: Engagement, by: User, **terms) -> Engagement:
    """Set the coach's terms: type, planned hours, frequency, format, location, budget."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, Engagement.State.PAUSED, doing="change the terms")
    if unknown := set(terms) - set(TERM_FIELDS):
        raise ValidationError(f"Not a term: {', '.join(sorted(unknown))}.")
    for field, value in terms.items():
        setattr(engagement, field, value)
    # Once work has started the terms may change but never become incomplete again.
    if engagement.state != Engagement.State.EXPLORATORY and (missing := engagement.missing_terms):
        raise RuleBroken("incomplete_terms", "terms incomplete: " + ", ".join(missing) + " missing")
    save_valid(engagement)
    record_event(engagement=engagement, by=by, action="engagement.terms_set", subject=", ".join(sorted(terms)))
    return engagement


# --- skills assessment ----------------------------------------------------


@transaction.atomic
def evaluate_objective(*, objective: Objective, final_rating: int, outcome: str, by: User) -> Objective:
    """Record, in the skills assessment, where the client ends on one objective."""
    ensure_coach_of(objective.engagement, by)
    # The guard reads the stored state, not whatever the caller's copy last saw.
    engagement = lock(objective.engagement)
    ensure_state(engagement, Engagement.State.ASSESSMENT, doing="evaluate an objective")
    if not outcome:
        raise ValidationError({"outcome": "Say whether the objective was achieved, partly or not."})
    objective.final_rating = final_rating
    objective.outcome = outcome
    save_valid(objective)
    record_event(engagement=engagement, by=by, action="objective.evaluated", subject=f"objective {objective.position}")
    return objective


@transaction.atomic
def write_evaluation(*, engagement: Engagement, evaluation: str, by: User, assessed_on: date | None = None) -> Engagement:
    """Write the skills assessment's evaluation of the client's evolution."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.ASSESSMENT, doing="write the evaluation")
    if not evaluation.strip():
        raise ValidationError({"evaluation": "Write how the client evolved from the first to the last session."})
    engagement.evaluation = evaluation
    engagement.assessed_on = assessed_on or timezone.localdate()
    save_valid(engagement)
    record_event(engagement=engagement, by=by, action="assessment.written")
    return engagement
