"""Every rule-bound change to the roster and to engagements.

Each function is keyword-only, atomic, checks its guard, and writes an
EngagementEvent where an engagement is concerned. Pages, API, admin and tasks call
these and never re-implement a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagements.audit import current_origin
from engagements.models import (
    ActionItem,
    ActionPlan,
    Certification,
    Coach,
    Coachee,
    Engagement,
    EngagementEvent,
    ExploratorySession,
    Objective,
    Organisation,
    SupervisionEntry,
    User,
)


class RuleBroken(Exception):
    """A domain rule refused the change; `code` is stable, `detail` is for people."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    @classmethod
    def first_of(cls, rules: list[tuple[str, str]]) -> RuleBroken:
        """One error naming every unmet rule, coded by the first."""
        return cls(rules[0][0], "; ".join(message for _, message in rules))


# ---------------------------------------------------------------------------
# Guards shared by every app's services
# ---------------------------------------------------------------------------


def ensure_admin(by: User) -> None:
    if not by.is_practice_admin:
        raise PermissionDenied("Only a practice admin may do this.")


def ensure_coach_of(engagement: Engagement, by: User) -> None:
    """Only the engagement's lead coach or a named co-coach writes its content."""
    if not Engagement.objects.coached_by(by).filter(pk=engagement.pk).exists():
        raise PermissionDenied("Only this engagement's coach may do this.")


def ensure_state(engagement: Engagement, *states: str, doing: str) -> None:
    if engagement.state not in states:
        raise RuleBroken(
            "wrong_state",
            f"cannot {doing} while the engagement is {engagement.get_state_display().lower()}",
        )


def save_valid(obj, *, exclude: Iterable[str] | None = None) -> None:
    """Validate fields and constraints at the edge of the database, then save."""
    obj.full_clean(exclude=exclude)
    obj.save()


def record_event(
    *,
    engagement: Engagement,
    by: User | None,
    action: str,
    subject: str = "",
    from_state: str = "",
    to_state: str = "",
) -> EngagementEvent:
    """Write the audit row of one act on an engagement (never its content)."""
    origin = current_origin()
    return EngagementEvent.objects.create(
        engagement=engagement,
        engagement_ref=engagement.public_id,
        actor=by,
        action=action,
        subject=subject[:200],
        from_state=from_state,
        to_state=to_state,
        ip_address=origin.ip_address,
        channel=origin.channel,
    )


def record_view(*, engagement: Engagement, by: User, subject: str = "") -> None:
    """Note that `by` read the engagement's content (an access log: one row a read)."""
    record_event(engagement=engagement, by=by, action="engagement.viewed", subject=subject)


def lock(engagement: Engagement) -> Engagement:
    """Re-read the engagement under a row lock so concurrent acts serialise."""
    return Engagement.objects.select_for_update().get(pk=engagement.pk)


# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


def _new_user(*, email: str, first_name: str, last_name: str, role: str, username: str | None) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "A person with this email is already registered."})
    user = User(
        username=username or email, email=email, first_name=first_name, last_name=last_name, role=role
    )
    user.set_unusable_password()
    save_valid(user, exclude=["password"])
    return user


@transaction.atomic
def add_coach(
    *,
    email: str,
    first_name: str,
    last_name: str,
    by: User,
    capacity: int = 8,
    bio: str = "",
    specialties: str = "",
    supervisor: Coach | None = None,
    username: str | None = None,
) -> Coach:
    """Put a new coach on the roster (they set a password from their invitation)."""
    ensure_admin(by)
    user = _new_user(email=email, first_name=first_name, last_name=last_name, role=User.Role.COACH, username=username)
    coach = Coach(user=user, capacity=capacity, bio=bio, specialties=specialties)
    save_valid(coach)
    if supervisor is not None:
        coach = update_coach(coach=coach, supervisor=supervisor, by=by)
    return coach


ROSTER_FIELDS = ("bio", "specialties", "capacity", "supervisor", "is_active")


@transaction.atomic
def update_coach(*, coach: Coach, by: User, **changes) -> Coach:
    """Change a roster entry: profile, capacity, supervisor (no loops), active flag.
    An inactive coach keeps their engagements but is given no new one."""
    ensure_admin(by)
    if unknown := set(changes) - set(ROSTER_FIELDS):
        raise ValidationError(f"Not a roster field: {', '.join(sorted(unknown))}.")
    Coach.objects.select_for_update().filter(pk=coach.pk).first()  # serialise roster edits
    if (supervisor := changes.get("supervisor")) is not None:
        supervisor = Coach.objects.get(pk=supervisor.pk)  # the chain as stored, not as cached
        if not supervisor.is_active:
            raise RuleBroken("supervisor_inactive", f"{supervisor} is not an active coach")
        if coach.would_loop_with(supervisor):
            raise RuleBroken("supervision_loop", f"{coach} cannot be supervised by {supervisor}: it makes a loop")
    for field, value in changes.items():
        setattr(coach, field, value)
    coach.full_clean()
    coach.save(update_fields=list(changes) or None)
    return coach


@transaction.atomic
def record_certification(
    *,
    coach: Coach,
    body: str,
    level: str,
    by: User,
    number: str = "",
    issued_on: date | None = None,
    expires_on: date | None = None,
) -> Certification:
    """Record a certification a coach holds."""
    ensure_admin(by)
    certification = Certification(
        coach=coach, body=body, level=level, number=number, issued_on=issued_on, expires_on=expires_on
    )
    save_valid(certification)
    return certification


@transaction.atomic
def log_supervision(
    *, coach: Coach, held_on: date, hours: Decimal, by: User, topics: str = ""
) -> SupervisionEntry:
    """The coach's supervisor records a supervision meeting (no client content)."""
    if coach.supervisor is None or coach.supervisor.user_id != by.pk:
        raise PermissionDenied("Only the coach's supervisor logs their supervision.")
    entry = SupervisionEntry(coach=coach, supervisor=coach.supervisor, held_on=held_on, hours=hours, topics=topics)
    save_valid(entry)
    return entry


@transaction.atomic
def add_organisation(*, name: str, by: User, contact_name: str = "", contact_email: str = "") -> Organisation:
    """Register a sponsoring organisation."""
    if not (by.is_practice_admin or by.role == User.Role.COACH):
        raise PermissionDenied("Only admins and coaches register sponsors.")
    organisation = Organisation(name=name, contact_name=contact_name, contact_email=contact_email)
    save_valid(organisation)
    return organisation


@transaction.atomic
def add_coachee(
    *,
    email: str,
    first_name: str,
    last_name: str,
    by: User,
    organisation: Organisation | None = None,
    job_title: str = "",
    username: str | None = None,
) -> Coachee:
    """Register a client (they set a password from their invitation)."""
    if not (by.is_practice_admin or by.role == User.Role.COACH):
        raise PermissionDenied("Only admins and coaches register clients.")
    user = _new_user(email=email, first_name=first_name, last_name=last_name, role=User.Role.COACHEE, username=username)
    coachee = Coachee(user=user, organisation=organisation, job_title=job_title)
    save_valid(coachee)
    return coachee


# --- invitations ------------------------------------------------------------


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Signed, expiring invitation links, void once the password is set (the hash changes)."""

    key_salt = "tandem.invitation"


invitation_tokens = InvitationTokenGenerator()


def invitation_link(user: User) -> str:
    """The absolute link from which `user` sets their first password."""
    path = reverse(
        "accept_invitation",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    return settings.SITE_URL.rstrip("/") + path


def send_invitation(user: User) -> None:
    """Email `user` their invitation link once the transaction commits (a title and a link only)."""
    def send() -> None:
        send_mail(
            "Your Tandem invitation",
            f"Hello {user.first_name or user.username},\n\n"
            f"You have been invited to Tandem. Set your password here:\n{invitation_link(user)}\n\n"
            f"Your username is {user.username}.\n",
            None,
            [user.email],
        )

    transaction.on_commit(send)


@transaction.atomic
def invite_coach(
    *,
    email: str,
    first_name: str,
    last_name: str,
    by: User,
    capacity: int = 8,
    supervisor: Coach | None = None,
    username: str | None = None,
) -> Coach:
    """Put a coach on the roster and email them the link to set their password."""
    coach = add_coach(
        email=email, first_name=first_name, last_name=last_name, by=by,
        capacity=capacity, supervisor=supervisor, username=username,
    )
    send_invitation(coach.user)
    return coach


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


# ---------------------------------------------------------------------------
# Action plans and items (shared by GROW and MPC)
# ---------------------------------------------------------------------------


def ensure_member(engagement: Engagement, person: User | None, *, field: str = "owner") -> None:
    """An owner must be the engagement's coach, a co-coach or one of its coachees."""
    if person is None:
        return
    is_member = (
        engagement.coachees.filter(user=person).exists()
        or Engagement.objects.coached_by(person).filter(pk=engagement.pk).exists()
    )
    if not is_member:
        raise ValidationError({field: f"{person} does not take part in this engagement."})


def plan_for(engagement: Engagement, kind: str) -> ActionPlan:
    """The engagement's action plan of that kind, made on first use."""
    plan, _ = ActionPlan.objects.get_or_create(engagement=engagement, kind=kind)
    return plan


@transaction.atomic
def add_action_item(
    *,
    plan: ActionPlan,
    title: str,
    by: User,
    owner: User | None = None,
    due_on: date | None = None,
    category: str = "",
) -> ActionItem:
    """Put an action on a plan, owned by someone who takes part in the engagement."""
    ensure_coach_of(plan.engagement, by)
    engagement = lock(plan.engagement)
    ensure_state(engagement, *Engagement.OPEN_STATES, doing="add an action")
    ensure_member(engagement, owner)
    if due_on is not None and due_on < engagement.opened_on:
        raise ValidationError({"due_on": "An action cannot be due before the engagement opened."})
    item = ActionItem(plan=plan, title=title, owner=owner, due_on=due_on, category=category)
    save_valid(item)
    record_event(engagement=engagement, by=by, action="action_item.added", subject=f"{plan.kind} item")
    return item


@transaction.atomic
def update_action_progress(*, item: ActionItem, by: User, status: str | None = None, progress: int | None = None) -> ActionItem:
    """Update an item's status and progress: its owner or the engagement's coach may."""
    engagement = item.plan.engagement
    if item.owner_id != by.pk:
        ensure_coach_of(engagement, by)
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if status is not None:
        item.status = status
    if progress is not None:
        item.progress = progress
    if item.status == ActionItem.Status.DONE:
        item.progress = 100
        item.completed_at = item.completed_at or timezone.now()
    else:
        item.completed_at = None
        if item.progress == 100 and status is None:
            item.status = ActionItem.Status.DONE
            item.completed_at = timezone.now()
    save_valid(item)
    record_event(engagement=engagement, by=by, action="action_item.progress", subject=item.status, to_state=item.status)
    return item
