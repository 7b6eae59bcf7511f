"""Stages 1 and 2: the audit of the person (or of the team's functioning) and the audit
of the project: customers, partners, easing and hindering factors."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from engagements.models import Engagement, User
from engagements.services import record_event
from mpc.models import AuditRating, Customer, Factor, Partner, Stage, TeamObservation
from mpc.services.stages import ensure_coachee, ensure_kind, save_record, writable_stage

# ---------------------------------------------------------------------------
# Stage 1 — person audit / team audit
# ---------------------------------------------------------------------------


@transaction.atomic
def rate_person(
    *, engagement: Engagement, area: str, rating: int, required: int, by: User, notes: str = ""
) -> AuditRating:
    """Rate one area of the stage 1 audit — the person, or in team coaching the team as it
    works now — against what the project requires (the gap follows)."""
    team = engagement.kind == Engagement.Kind.TEAM
    doing = _("rate the team audit") if team else _("rate the person audit")
    writable_stage(engagement, Stage.Number.PERSON_AUDIT, by=by, doing=doing)
    audit = AuditRating.objects.filter(engagement=engagement, area=area).first() or AuditRating(
        engagement=engagement, area=area
    )
    audit.rating, audit.required, audit.notes = rating, required, notes
    save_record(audit)
    record_event(engagement=engagement, by=by, action="mpc.person_rated", subject=f"audit: {AuditRating.Area(area).label.lower()}")
    return audit


@transaction.atomic
def observe_team(
    *,
    engagement: Engagement,
    aspect: str,
    observation: str,
    by: User,
    member: User | None = None,
    rating: int | None = None,
) -> TeamObservation:
    """Note how the team (no member) or one member functions, for the team audit."""
    writable_stage(engagement, Stage.Number.PERSON_AUDIT, by=by, doing=_("observe the team"))
    ensure_kind(engagement, Engagement.Kind.TEAM, doing=_("audit a team"))
    if member is not None:
        ensure_coachee(engagement, member, field="member")
    note = TeamObservation(engagement=engagement, member=member, aspect=aspect, observation=observation, rating=rating)
    save_record(note)
    record_event(engagement=engagement, by=by, action="mpc.team_observed", subject=f"observation {note.pk}")
    return note


# ---------------------------------------------------------------------------
# Stage 2 — project audit
# ---------------------------------------------------------------------------


@transaction.atomic
def add_customer(*, engagement: Engagement, name: str, expectations: str, by: User) -> Customer:
    """List a customer of the project with what they expect."""
    writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing=_("add a customer"))
    customer = Customer(engagement=engagement, name=name, expectations=expectations)
    save_record(customer)
    record_event(engagement=engagement, by=by, action="mpc.customer_added", subject=f"customer {customer.pk}")
    return customer


@transaction.atomic
def add_partner(*, engagement: Engagement, name: str, part: str, by: User) -> Partner:
    """List a partner of the project with the part they take."""
    writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing=_("add a partner"))
    partner = Partner(engagement=engagement, name=name, part=part)
    save_record(partner)
    record_event(engagement=engagement, by=by, action="mpc.partner_added", subject=f"partner {partner.pk}")
    return partner


@transaction.atomic
def add_factor(
    *, engagement: Engagement, description: str, nature: str, effect: str, weight: int, by: User
) -> Factor:
    """List a technical or human factor that eases or hinders the project, with its weight."""
    writable_stage(engagement, Stage.Number.PROJECT_AUDIT, by=by, doing=_("add a factor"))
    factor = Factor(engagement=engagement, description=description, nature=nature, effect=effect, weight=weight)
    save_record(factor)
    record_event(engagement=engagement, by=by, action="mpc.factor_added", subject=f"factor {factor.pk}")
    return factor
