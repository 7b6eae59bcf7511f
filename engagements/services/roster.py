"""The roster: coaches, their certifications and supervision, sponsors, coachees, and the
invitations that let a new person set their first password."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagements.models import (
    Certification,
    Coach,
    Coachee,
    Organisation,
    SupervisionEntry,
    User,
)
from engagements.services.guards import RuleBroken, ensure_admin, save_valid

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
