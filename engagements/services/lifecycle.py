"""The engagement's lifecycle: opening it, its coaches, its states, the exploratory session
with the client's objectives and the coach's terms, and the closing skills assessment."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from engagements.models import (
    ActionPlan,
    Coach,
    Coachee,
    Engagement,
    ExploratorySession,
    Objective,
    Organisation,
    ProgressRating,
    SelfRating,
    User,
)
from engagements.services.guards import (
    RuleBroken,
    apply_changes,
    ensure_admin,
    ensure_coach_of,
    ensure_coachee_of,
    ensure_record_open,
    ensure_state,
    lock,
    record_event,
    save_valid,
    what_changed,
)
from engagements.signals import engagement_ended, participant_changed

# ---------------------------------------------------------------------------
# Engagement lifecycle
# ---------------------------------------------------------------------------


def _ensure_can_take(coach: Coach, *, extra: int = 1) -> None:
    """A coach must be active, hold a certification in force and be below capacity to be
    given an engagement."""
    coach = Coach.objects.select_for_update().get(pk=coach.pk)
    if not coach.is_active:
        raise RuleBroken("coach_inactive", _("%(coach)s is not an active coach") % {"coach": coach})
    if not coach.certifications.valid_on(timezone.localdate()).exists():
        lapsed = coach.certifications.order_by("-expires_on").first()
        if lapsed and lapsed.expires_on:
            why = _("their last certification lapsed on %(day)s") % {"day": date_format(lapsed.expires_on, _("d M Y"))}
        else:
            why = _("no certification is recorded")
        raise RuleBroken(
            "coach_not_certified",
            _("%(coach)s holds no certification in force (%(why)s): record a current one on the roster first")
            % {"coach": coach, "why": why},
        )
    if coach.open_engagement_count + extra > coach.capacity:
        raise RuleBroken(
            "coach_at_capacity",
            ngettext(
                "%(coach)s is at capacity (%(count)s open engagement)",
                "%(coach)s is at capacity (%(count)s open engagements)",
                coach.capacity,
            ) % {"coach": coach, "count": coach.capacity},
        )


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
        raise PermissionDenied(_("Only an admin, or the coach themself, opens an engagement."))
    if kind == Engagement.Kind.INDIVIDUAL and len(coachees) != 1:
        raise ValidationError({"coachees": _("Individual coaching has exactly one coachee.")})
    if kind == Engagement.Kind.TEAM and len(coachees) < 2:
        raise ValidationError({"coachees": _("Team coaching needs at least two team members.")})
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
    # No title in the trail: a title may name the client, and the trail outlives erasure.
    record_event(engagement=engagement, by=by, action="engagement.opened", to_state=engagement.state)
    return engagement


@transaction.atomic
def assign_coach(*, engagement: Engagement, coach: Coach, by: User) -> Engagement:
    """Hand an open engagement to another lead coach (refused when they are full)."""
    ensure_admin(by)
    engagement = lock(engagement)
    if not engagement.is_open:
        raise RuleBroken("engagement_ended", _("a finished engagement keeps its coach"))
    if coach.pk == engagement.coach_id:
        return engagement
    _ensure_can_take(coach)
    previous = engagement.coach
    engagement.coach = coach
    engagement.save(update_fields=["coach", "updated_at"])
    engagement.co_coaches.remove(coach)  # the new lead is no longer "co"
    record_event(
        engagement=engagement, by=by, action="engagement.coach_assigned", subject=f"coach {previous.public_id} → {coach.public_id}"
    )
    return engagement


@transaction.atomic
def add_co_coach(*, engagement: Engagement, coach: Coach, by: User) -> Engagement:
    """Name a co-coach, who then sees and writes the engagement's content."""
    ensure_admin(by)
    engagement = lock(engagement)
    if not engagement.is_open:
        raise RuleBroken("engagement_ended", _("a finished engagement takes no new co-coach"))
    if coach.pk == engagement.coach_id:
        raise RuleBroken("already_lead", _("%(coach)s already leads this engagement") % {"coach": coach})
    if not coach.is_active:
        raise RuleBroken("coach_inactive", _("%(coach)s is not an active coach") % {"coach": coach})
    engagement.co_coaches.add(coach)
    record_event(engagement=engagement, by=by, action="engagement.co_coach_added", subject=f"coach {coach.public_id}")
    participant_changed.send(sender=Engagement, engagement=engagement, person=coach.user, joined=True, by=by)
    return engagement


@transaction.atomic
def remove_co_coach(*, engagement: Engagement, coach: Coach, by: User) -> Engagement:
    """Take a co-coach off an engagement: they no longer see or write its content."""
    ensure_admin(by)
    engagement = lock(engagement)
    ensure_record_open(engagement, doing=_("change the co-coaches"))
    if not engagement.co_coaches.filter(pk=coach.pk).exists():
        raise RuleBroken("not_co_coach", _("%(coach)s is not a co-coach of this engagement") % {"coach": coach})
    engagement.co_coaches.remove(coach)
    record_event(engagement=engagement, by=by, action="engagement.co_coach_removed", subject=str(coach))
    participant_changed.send(sender=Engagement, engagement=engagement, person=coach.user, joined=False, by=by)
    return engagement


DETAIL_FIELDS = ("title", "organisation", "opened_on")


@transaction.atomic
def revise_engagement(*, engagement: Engagement, by: User, **changes) -> Engagement:
    """Correct an open engagement's title or sponsor (its coach, or an admin), or the day
    it opened while it is still exploratory; terms given alongside go through set_terms."""
    terms = {name: value for name, value in changes.items() if name in TERM_FIELDS}
    details = {name: value for name, value in changes.items() if name not in TERM_FIELDS}
    if not by.is_practice_admin or terms:
        ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_record_open(engagement, doing=_("change the engagement"))
    changed = apply_changes(engagement, details, allowed=DETAIL_FIELDS)
    if "opened_on" in changed:
        _ensure_opening_date(engagement)
    if changed:
        save_valid(engagement)
        record_event(engagement=engagement, by=by, action="engagement.revised", subject=what_changed("engagement", changed))
    if terms:
        engagement = set_terms(engagement=engagement, by=by, **terms)
    return engagement


# Ending an engagement this way cannot be undone: the person says why, kept in its history.
NEEDS_A_REASON = {
    Engagement.State.CANCELLED: gettext_lazy("Say why the engagement is cancelled: it is kept in its history."),
    Engagement.State.DECLINED: gettext_lazy("Say why the engagement is declined: it is kept in its history."),
}


@transaction.atomic
def transition_engagement(*, engagement: Engagement, to: str, by: User, reason: str = "") -> Engagement:
    """Move an engagement along its lifecycle if the table and the guards allow it; a
    cancellation or a decline says why."""
    engagement = lock(engagement)
    # The coach runs the lifecycle; an admin may only cancel (e.g. the sponsor withdrew).
    if not (to == Engagement.State.CANCELLED and by.is_practice_admin):
        ensure_coach_of(engagement, by)
    if rules := engagement.unmet_rules(to):
        raise RuleBroken.first_of(rules)
    if to in NEEDS_A_REASON and not reason.strip():
        raise ValidationError({"reason": NEEDS_A_REASON[to]})
    from_state = engagement.state
    engagement.state = to
    engagement.save(update_fields=["state", "updated_at"])
    record_event(
        engagement=engagement, by=by, action="engagement.transition", from_state=from_state, to_state=to, reason=reason.strip()
    )
    if to not in Engagement.OPEN_STATES:
        engagement_ended.send(sender=Engagement, engagement=engagement, by=by, reason=reason.strip())
    return engagement


# --- exploratory session: objectives and terms ------------------------------


@transaction.atomic
def record_exploratory_session(
    *,
    engagement: Engagement,
    held_on: date,
    by: User,
    duration_minutes: int = 60,
    summary: str = "",
    summary_shared: bool = False,
) -> ExploratorySession:
    """Record the exploratory session; an engagement has one, dated on or after its opening."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, doing=_("record the exploratory session"))
    if ExploratorySession.objects.filter(engagement=engagement).exists():
        raise RuleBroken("exploratory_exists", _("this engagement already has its exploratory session"))
    _ensure_exploratory_date(engagement, held_on)
    session = ExploratorySession(
        engagement=engagement,
        held_on=held_on,
        duration_minutes=duration_minutes,
        summary=summary,
        summary_shared=summary_shared,
    )
    save_valid(session)
    record_event(engagement=engagement, by=by, action="exploratory.recorded")
    return session


def _ensure_opening_date(engagement: Engagement) -> None:
    """The opening may be dated back, never forward, and never after the exploratory session."""
    if engagement.state != Engagement.State.EXPLORATORY:
        raise RuleBroken("opening_fixed", _("the day the engagement opened is fixed once the coaching has started"))
    if engagement.opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("An engagement opens today at the latest.")})
    held = ExploratorySession.objects.filter(engagement=engagement).values_list("held_on", flat=True).first()
    if held is not None and held < engagement.opened_on:
        raise ValidationError({
            "opened_on": _("The exploratory session was held on %(day)s: the engagement opened then or before.")
            % {"day": date_format(held, _("d M Y"))}
        })


def _ensure_exploratory_date(engagement: Engagement, held_on: date) -> None:
    if held_on < engagement.opened_on:
        raise ValidationError({"held_on": _("The session cannot be dated before the engagement opened.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The session is recorded once it has been held: give a date up to today.")})


EXPLORATORY_FIELDS = ("held_on", "duration_minutes", "summary", "summary_shared")


@transaction.atomic
def revise_exploratory_session(*, engagement: Engagement, by: User, **changes) -> ExploratorySession:
    """Correct the exploratory session's record, or share its summary with the client."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_record_open(engagement, doing=_("change the exploratory session"))
    session = ExploratorySession.objects.filter(engagement=engagement).first()
    if session is None:
        raise RuleBroken("no_exploratory", _("the exploratory session is not recorded yet"))
    changed = apply_changes(session, changes, allowed=EXPLORATORY_FIELDS)
    if "held_on" in changed:
        _ensure_exploratory_date(engagement, session.held_on)
    save_valid(session)
    record_event(engagement=engagement, by=by, action="exploratory.revised", subject=what_changed("exploratory session", changed))
    return session


@transaction.atomic
def add_objective(
    *, engagement: Engagement, statement: str, success_measure: str, baseline_rating: int, by: User
) -> Objective:
    """Add a result the client wants to reach, with how success is measured and where they start."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, doing=_("add an objective"))
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


OBJECTIVE_FIELDS = ("statement", "success_measure", "baseline_rating")


@transaction.atomic
def revise_objective(*, objective: Objective, by: User, **changes) -> Objective:
    """Reword an objective or its measure; its baseline only until the coaching starts."""
    ensure_coach_of(objective.engagement, by)
    engagement = lock(objective.engagement)
    ensure_record_open(engagement, doing=_("change an objective"))
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    changed = apply_changes(objective, changes, allowed=OBJECTIVE_FIELDS)
    if "baseline_rating" in changed and engagement.state != Engagement.State.EXPLORATORY:
        raise RuleBroken(
            "baseline_fixed",
            _("the baseline is where the client started: it cannot change once the coaching has started"),
        )
    save_valid(objective)
    record_event(
        engagement=engagement, by=by, action="objective.revised",
        subject=what_changed(f"objective {objective.position}", changed),
    )
    return objective


@transaction.atomic
def withdraw_objective(*, objective: Objective, by: User) -> None:
    """Withdraw an objective that is not evaluated; an engagement under way keeps at least one."""
    ensure_coach_of(objective.engagement, by)
    engagement = lock(objective.engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, Engagement.State.PAUSED, doing=_("withdraw an objective"))
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    if objective.is_evaluated:
        raise RuleBroken("objective_evaluated", _("this objective is already evaluated in the skills assessment"))
    if engagement.state != Engagement.State.EXPLORATORY and engagement.objectives.count() == 1:
        raise RuleBroken("last_objective", _("an engagement under way keeps at least one objective: add its replacement first"))
    position = objective.position
    objective.delete()
    # The others close ranks, so the numbering people see stays 1, 2, 3…
    for later in engagement.objectives.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position", "updated_at"])
    record_event(engagement=engagement, by=by, action="objective.withdrawn", subject=f"objective {position}")


@transaction.atomic
def rate_myself(*, objective: Objective, rating: int, by: User) -> SelfRating:
    """A coachee rates themself on an objective: at the start (until the assessment) and at
    the skills assessment; the rating sits beside the coach's."""
    engagement = lock(objective.engagement)
    ensure_coachee_of(engagement, by, doing=_("rate themselves"))
    if engagement.state == Engagement.State.ASSESSMENT:
        moment = SelfRating.Moment.FINAL
    elif engagement.state in (Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, Engagement.State.PAUSED):
        moment = SelfRating.Moment.START
    else:
        raise RuleBroken("wrong_state", _("this engagement has ended: its ratings are final"))
    own = SelfRating.objects.filter(objective=objective, person=by, moment=moment).first()
    own = own or SelfRating(objective=objective, person=by, moment=moment)
    own.rating = rating
    save_valid(own)
    record_event(engagement=engagement, by=by, action="objective.self_rated", subject=f"objective {objective.position}", to_state=moment)
    return own


@transaction.atomic
def rate_progress(*, objective: Objective, rating: int, by: User, rated_on: date | None = None) -> ProgressRating:
    """Rate where the client stands on an objective along the way, between the baseline and
    the final rating: the coach, or a coachee for themself; one rating a person a day."""
    engagement = lock(objective.engagement)
    if not Engagement.objects.coached_by(by).filter(pk=engagement.pk).exists():
        ensure_coachee_of(engagement, by, doing=_("rate their own progress"))
    ensure_state(engagement, Engagement.State.ACTIVE, Engagement.State.PAUSED, doing=_("rate progress"))
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate() or rated_on < engagement.opened_on:
        raise ValidationError({"rated_on": _("Rate progress on a day from the opening up to today.")})
    own = ProgressRating.objects.filter(objective=objective, person=by, rated_on=rated_on).first()
    own = own or ProgressRating(objective=objective, person=by, rated_on=rated_on)
    own.rating = rating
    save_valid(own)
    record_event(engagement=engagement, by=by, action="objective.progress_rated", subject=f"objective {objective.position}")
    return own


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
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, Engagement.State.PAUSED, doing=_("change the terms"))
    if unknown := set(terms) - set(TERM_FIELDS):
        raise ValidationError(_("Not a term: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    changed = [field for field, value in terms.items() if getattr(engagement, field) != value]
    for field, value in terms.items():
        setattr(engagement, field, value)
    # Once work has started the terms may change but never become incomplete again.
    if engagement.state != Engagement.State.EXPLORATORY and (missing := engagement.missing_terms):
        raise RuleBroken("incomplete_terms", _("terms incomplete: %(terms)s missing") % {"terms": ", ".join(missing)})
    save_valid(engagement)
    record_event(engagement=engagement, by=by, action="engagement.terms_set", subject=what_changed("terms", changed))
    return engagement


# --- skills assessment ----------------------------------------------------


@transaction.atomic
def evaluate_objective(*, objective: Objective, final_rating: int, outcome: str, by: User) -> Objective:
    """Record, in the skills assessment, where the client ends on one objective."""
    ensure_coach_of(objective.engagement, by)
    # The guard reads the stored state, not whatever the caller's copy last saw.
    engagement = lock(objective.engagement)
    ensure_state(engagement, Engagement.State.ASSESSMENT, doing=_("evaluate an objective"))
    if not outcome:
        raise ValidationError({"outcome": _("Say whether the objective was achieved, partly or not.")})
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
    ensure_state(engagement, Engagement.State.ASSESSMENT, doing=_("write the evaluation"))
    if not evaluation.strip():
        raise ValidationError({"evaluation": _("Write how the client evolved from the first to the last session.")})
    engagement.evaluation = evaluation
    engagement.assessed_on = assessed_on or timezone.localdate()
    save_valid(engagement)
    record_event(engagement=engagement, by=by, action="assessment.written")
    return engagement
