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
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagements.models import (
    Certification,
    Coach,
    Coachee,
    Organisation,
    SupervisionEntry,
    User,
)
from engagements.services.guards import (
    RuleBroken,
    apply_changes,
    ensure_admin,
    record_roster_event,
    save_valid,
    what_changed,
)
from kit.languages import speaking_to

# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


def _free_email(email: str, *, but: User | None = None) -> str:
    """The address, normalised, if nobody else is registered with it."""
    email = User.objects.normalize_email(email).lower()
    others = User.objects.filter(email__iexact=email)
    if but is not None:
        others = others.exclude(pk=but.pk)
    if others.exists():
        raise ValidationError({"email": _("A person with this email is already registered.")})
    return email


def _new_user(*, email: str, first_name: str, last_name: str, role: str, username: str | None) -> User:
    email = _free_email(email)
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


PROFILE_FIELDS = ("bio", "specialties")
ROSTER_FIELDS = (*PROFILE_FIELDS, "capacity", "supervisor", "is_active")


@transaction.atomic
def update_coach(*, coach: Coach, by: User, **changes) -> Coach:
    """Change a roster entry: profile, capacity, supervisor (no loops), active flag — an
    admin any of it, a coach their own profile. An inactive coach keeps their engagements
    but is given no new one."""
    if not (by.is_practice_admin or (coach.user_id == by.pk and set(changes) <= set(PROFILE_FIELDS))):
        raise PermissionDenied(_("Only a practice admin changes the roster; a coach edits their own profile."))
    Coach.objects.select_for_update().filter(pk=coach.pk).first()  # serialise roster edits
    if (supervisor := changes.get("supervisor")) is not None:
        supervisor = Coach.objects.get(pk=supervisor.pk)  # the chain as stored, not as cached
        if supervisor.pk == coach.pk:
            raise RuleBroken("own_supervisor", _("%(coach)s cannot supervise themself") % {"coach": coach})
        if not supervisor.is_active:
            raise RuleBroken("supervisor_inactive", _("%(coach)s is not an active coach") % {"coach": supervisor})
        if coach.would_loop_with(supervisor):
            raise RuleBroken(
                "supervision_loop",
                _("%(coach)s cannot be supervised by %(supervisor)s: it makes a loop") % {"coach": coach, "supervisor": supervisor},
            )
    changed = apply_changes(coach, changes, allowed=ROSTER_FIELDS)
    if "capacity" in changed and coach.capacity < (load := coach.engagements.open().count()):
        raise RuleBroken(
            "capacity_below_load",
            ngettext(
                "%(coach)s carries %(count)s open engagement: a capacity of %(capacity)s is below that — hand some on first",
                "%(coach)s carries %(count)s open engagements: a capacity of %(capacity)s is below that — hand some on first",
                load,
            ) % {"coach": coach, "count": load, "capacity": coach.capacity},
        )
    coach.full_clean()
    coach.save(update_fields=[*changed, "updated_at"])
    if changed:
        record_roster_event(by=by, action="coach.revised", ref=coach.public_id, subject=what_changed(f"coach {coach}", changed))
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
    _save_certification(certification)
    record_roster_event(by=by, action="certification.recorded", ref=certification.public_id, subject=f"certification of {coach}")
    return certification


CERTIFICATION_FIELDS = ("body", "level", "number", "issued_on", "expires_on")


@transaction.atomic
def revise_certification(*, certification: Certification, by: User, **changes) -> Certification:
    """Correct a certification's record (a typo, a renewal's new expiry)."""
    ensure_admin(by)
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    changed = apply_changes(certification, changes, allowed=CERTIFICATION_FIELDS)
    _save_certification(certification)
    record_roster_event(
        by=by, action="certification.revised", ref=certification.public_id, subject=what_changed(f"certification of {certification.coach}", changed)
    )
    return certification


def _save_certification(certification: Certification) -> None:
    # The database checks the dates too; the person gets the sentence, not the constraint.
    if certification.issued_on and certification.expires_on and certification.expires_on <= certification.issued_on:
        raise ValidationError({"expires_on": _("A certification expires after the day it was issued.")})
    save_valid(certification)


@transaction.atomic
def revoke_certification(*, certification: Certification, by: User, reason: str, revoked_on: date | None = None) -> Certification:
    """Record that the certifying body withdrew a certification: kept on record, no longer valid."""
    ensure_admin(by)
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    if certification.revoked_on is not None:
        raise RuleBroken(
            "already_revoked",
            _("this certification was revoked on %(day)s") % {"day": date_format(certification.revoked_on, _("d M Y"))},
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the certification is revoked (it stays on the record).")})
    certification.revoked_on = revoked_on or timezone.localdate()
    save_valid(certification)
    record_roster_event(
        by=by, action="certification.revoked", ref=certification.public_id, subject=f"certification of {certification.coach}", reason=reason
    )
    return certification


@transaction.atomic
def withdraw_certification(*, certification: Certification, by: User) -> None:
    """Delete a certification recorded by mistake (a real one that lapsed is revoked instead)."""
    ensure_admin(by)
    ref, coach = certification.public_id, certification.coach
    certification.delete()
    record_roster_event(by=by, action="certification.withdrawn", ref=ref, subject=f"certification of {coach}")


@transaction.atomic
def log_supervision(
    *, coach: Coach, held_on: date, hours: Decimal, by: User, topics: str = ""
) -> SupervisionEntry:
    """Log a supervision meeting (no client content): the coach logs it for their
    supervisor to confirm; one the supervisor logs stands confirmed."""
    coach = Coach.objects.select_related("supervisor").get(pk=coach.pk)
    if coach.user_id != by.pk and not (coach.supervisor and coach.supervisor.user_id == by.pk):
        raise PermissionDenied(_("A coach logs their own supervision; their supervisor may log it for them."))
    if coach.supervisor is None:
        raise RuleBroken("no_supervisor", _("%(coach)s has no supervisor on the roster yet: ask the practice admin") % {"coach": coach})
    entry = SupervisionEntry(coach=coach, supervisor=coach.supervisor, held_on=held_on, hours=hours, topics=topics, logged_by=by)
    if coach.supervisor.user_id == by.pk:
        entry.confirmed_at = timezone.now()
    _save_supervision(entry)
    return entry


def _save_supervision(entry: SupervisionEntry) -> None:
    if entry.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Log a supervision meeting once it has taken place.")})
    save_valid(entry)


def _ensure_may_amend(entry: SupervisionEntry, by: User) -> None:
    """The coach amends their own entry until it is confirmed; the supervisor at any time."""
    if entry.supervisor.user_id == by.pk:
        return
    if entry.coach.user_id != by.pk:
        raise PermissionDenied(_("Only the coach or their supervisor changes a supervision entry."))
    if entry.is_confirmed:
        raise RuleBroken("supervision_confirmed", _("your supervisor confirmed this entry: ask them to correct it"))


@transaction.atomic
def confirm_supervision(*, entry: SupervisionEntry, by: User) -> SupervisionEntry:
    """The supervisor confirms a meeting their supervisee logged."""
    entry = SupervisionEntry.objects.select_for_update().select_related("supervisor").get(pk=entry.pk)
    if entry.supervisor.user_id != by.pk:
        raise PermissionDenied(_("Only the supervisor named on the entry confirms it."))
    if entry.is_confirmed:
        raise RuleBroken("supervision_confirmed", _("this entry is already confirmed"))
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_at", "updated_at"])
    return entry


SUPERVISION_FIELDS = ("held_on", "hours", "topics")


@transaction.atomic
def revise_supervision(*, entry: SupervisionEntry, by: User, **changes) -> SupervisionEntry:
    """Correct a supervision entry's date, hours or topics."""
    entry = SupervisionEntry.objects.select_for_update().select_related("coach", "supervisor").get(pk=entry.pk)
    _ensure_may_amend(entry, by)
    apply_changes(entry, changes, allowed=SUPERVISION_FIELDS)
    _save_supervision(entry)
    return entry


@transaction.atomic
def withdraw_supervision(*, entry: SupervisionEntry, by: User) -> None:
    """Delete a supervision entry logged by mistake."""
    entry = SupervisionEntry.objects.select_for_update().select_related("coach", "supervisor").get(pk=entry.pk)
    _ensure_may_amend(entry, by)
    entry.delete()


@transaction.atomic
def add_organisation(*, name: str, by: User, contact_name: str = "", contact_email: str = "") -> Organisation:
    """Register a sponsoring organisation."""
    _ensure_roster_writer(by, what=_("register sponsors"))
    organisation = Organisation(name=name, contact_name=contact_name, contact_email=contact_email)
    save_valid(organisation)
    return organisation


def _ensure_roster_writer(by: User, *, what: str) -> None:
    if not (by.is_practice_admin or by.role == User.Role.COACH):
        # Translators: %(doing)s is what they do, conjugated for "they" ("register sponsors").
        raise PermissionDenied(_("Only admins and coaches %(doing)s.") % {"doing": what})


ORGANISATION_FIELDS = ("name", "contact_name", "contact_email")


@transaction.atomic
def revise_organisation(*, organisation: Organisation, by: User, **changes) -> Organisation:
    """Correct a sponsor's name or contact."""
    _ensure_roster_writer(by, what=_("change sponsors"))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = apply_changes(organisation, changes, allowed=ORGANISATION_FIELDS)
    save_valid(organisation)
    record_roster_event(by=by, action="organisation.revised", ref=organisation.public_id, subject=what_changed("sponsor", changed))
    return organisation


@transaction.atomic
def withdraw_organisation(*, organisation: Organisation, by: User) -> None:
    """Delete a sponsor that nothing refers to (no engagement, no client)."""
    _ensure_roster_writer(by, what=_("delete sponsors"))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    engagements, clients = organisation.engagements.count(), organisation.coachees.count()
    if engagements or clients:
        uses = []
        if engagements:
            uses.append(ngettext("%(count)s engagement", "%(count)s engagements", engagements) % {"count": engagements})
        if clients:
            uses.append(ngettext("%(count)s client", "%(count)s clients", clients) % {"count": clients})
        where = _("%(first)s and %(second)s") % {"first": uses[0], "second": uses[1]} if len(uses) == 2 else uses[0]
        raise RuleBroken(
            "organisation_in_use", _("%(organisation)s is still named on %(uses)s") % {"organisation": organisation, "uses": where}
        )
    ref = organisation.public_id
    organisation.delete()
    record_roster_event(by=by, action="organisation.withdrawn", ref=ref, subject="sponsor")


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
    """Register a client and email them their invitation to set a password."""
    _ensure_roster_writer(by, what=_("register clients"))
    user = _new_user(email=email, first_name=first_name, last_name=last_name, role=User.Role.COACHEE, username=username)
    coachee = Coachee(user=user, organisation=organisation, job_title=job_title, added_by=by)
    save_valid(coachee)
    send_invitation(user)
    return coachee


COACHEE_FIELDS = ("first_name", "last_name", "email", "job_title", "organisation")


@transaction.atomic
def revise_coachee(*, coachee: Coachee, by: User, **changes) -> Coachee:
    """Correct a client's name, email, job title or organisation (an admin, or a coach who
    sees the client)."""
    _ensure_roster_writer(by, what=_("change a client's details"))
    if not Coachee.objects.visible_to(by).filter(pk=coachee.pk).exists():
        raise PermissionDenied(_("Only an admin or the client's coach changes their details."))
    coachee = Coachee.objects.select_for_update().select_related("user").get(pk=coachee.pk)
    user = coachee.user
    if "email" in changes:
        changes["email"] = _free_email(changes["email"], but=user)
    person = {name: value for name, value in changes.items() if name in ("first_name", "last_name", "email")}
    role = {name: value for name, value in changes.items() if name not in person}
    changed = apply_changes(user, person, allowed=("first_name", "last_name", "email"))
    changed += apply_changes(coachee, role, allowed=COACHEE_FIELDS)
    save_valid(user, exclude=["password"])
    save_valid(coachee)
    record_roster_event(by=by, action="coachee.revised", ref=coachee.public_id, subject=what_changed("client", changed))
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
    @speaking_to(user)
    def send() -> None:
        send_mail(
            _("Your Tandem invitation"),
            _(
                "Hello %(name)s,\n\n"
                "You have been invited to Tandem. Set your password here:\n%(link)s\n\n"
                "Your username is %(username)s.\n"
            ) % {"name": user.first_name or user.username, "link": invitation_link(user), "username": user.username},
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
