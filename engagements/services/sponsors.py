"""Sponsor contacts: registering them, seating them on their organisation's engagements,
the coachees' consent to what they see, and their own email setting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagements.models import (
    Engagement,
    Organisation,
    Sponsor,
    SponsorConsent,
    SponsorSeat,
    User,
)
from engagements.services.guards import (
    RuleBroken,
    apply_changes,
    ensure_coach_of,
    ensure_coachee_of,
    lock,
    record_event,
    record_roster_event,
    save_valid,
    what_changed,
)
from engagements.services.roster import (
    _ensure_roster_writer,
    _free_email,
    _new_user,
    send_invitation,
)


@transaction.atomic
def add_sponsor(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    by: User,
    job_title: str = "",
    username: str | None = None,
) -> Sponsor:
    """Register a person of a sponsoring organisation, who is emailed an invitation to sign
    in; they see nothing until named on one of its engagements."""
    _ensure_roster_writer(by, what=_("register sponsor contacts"))
    user = _new_user(email=email, first_name=first_name, last_name=last_name, role=User.Role.SPONSOR, username=username)
    sponsor = Sponsor(user=user, organisation=organisation, job_title=job_title, added_by=by)
    save_valid(sponsor)
    send_invitation(user)
    record_roster_event(by=by, action="sponsor.added", ref=sponsor.public_id, subject=f"sponsor contact of {organisation}")
    return sponsor


SPONSOR_FIELDS = ("first_name", "last_name", "email", "job_title")


@transaction.atomic
def revise_sponsor(*, sponsor: Sponsor, by: User, **changes) -> Sponsor:
    """Correct a sponsor contact's name, email or job title."""
    _ensure_roster_writer(by, what=_("change sponsor contacts"))
    sponsor = Sponsor.objects.select_for_update().select_related("user").get(pk=sponsor.pk)
    user = sponsor.user
    if "email" in changes:
        changes["email"] = _free_email(changes["email"], but=user)
    person = {name: value for name, value in changes.items() if name != "job_title"}
    changed = apply_changes(user, person, allowed=("first_name", "last_name", "email"))
    changed += apply_changes(sponsor, {k: v for k, v in changes.items() if k == "job_title"}, allowed=("job_title",))
    save_valid(user, exclude=["password"])
    save_valid(sponsor)
    record_roster_event(by=by, action="sponsor.revised", ref=sponsor.public_id, subject=what_changed("sponsor contact", changed))
    return sponsor


@transaction.atomic
def withdraw_sponsor(*, sponsor: Sponsor, by: User) -> None:
    """Delete a sponsor contact and their login, once no engagement seats them."""
    _ensure_roster_writer(by, what=_("delete sponsor contacts"))
    sponsor = Sponsor.objects.select_for_update().select_related("user").get(pk=sponsor.pk)
    if (seats := sponsor.seats.count()):
        raise RuleBroken(
            "sponsor_seated",
            ngettext(
                "%(sponsor)s is still named on %(count)s engagement",
                "%(sponsor)s is still named on %(count)s engagements",
                seats,
            ) % {"sponsor": sponsor, "count": seats},
        )
    ref, user = sponsor.public_id, sponsor.user
    sponsor.delete()
    user.delete()
    record_roster_event(by=by, action="sponsor.withdrawn", ref=ref, subject="sponsor contact")


def _ensure_names_sponsors(engagement: Engagement, by: User) -> None:
    """The admin or the engagement's coach names its sponsors."""
    if not by.is_practice_admin:
        ensure_coach_of(engagement, by)


@transaction.atomic
def name_sponsor(*, engagement: Engagement, sponsor: Sponsor, by: User) -> SponsorSeat:
    """Seat a contact of the engagement's sponsoring organisation on it, read-only."""
    _ensure_names_sponsors(engagement, by)
    engagement = lock(engagement)
    if engagement.organisation_id is None:
        raise RuleBroken("no_sponsor", _("this engagement has no sponsoring organisation"))
    if sponsor.organisation_id != engagement.organisation_id:
        raise RuleBroken(
            "not_their_organisation",
            _("%(sponsor)s is not a contact of %(organisation)s") % {"sponsor": sponsor, "organisation": engagement.organisation},
        )
    if SponsorSeat.objects.filter(engagement=engagement, sponsor=sponsor).exists():
        raise RuleBroken("already_named", _("%(sponsor)s is already named on this engagement") % {"sponsor": sponsor})
    seat = SponsorSeat.objects.create(engagement=engagement, sponsor=sponsor, named_by=by)
    record_event(engagement=engagement, by=by, action="sponsor.named", subject=str(sponsor))
    return seat


@transaction.atomic
def unname_sponsor(*, engagement: Engagement, sponsor: Sponsor, by: User) -> None:
    """Take a sponsor contact off the engagement: from their next request they see nothing of it."""
    _ensure_names_sponsors(engagement, by)
    engagement = lock(engagement)
    if not SponsorSeat.objects.filter(engagement=engagement, sponsor=sponsor).delete()[0]:
        raise RuleBroken("not_named", _("%(sponsor)s is not named on this engagement") % {"sponsor": sponsor})
    record_event(engagement=engagement, by=by, action="sponsor.unnamed", subject=str(sponsor))


@transaction.atomic
def give_consent(*, engagement: Engagement, by: User) -> SponsorConsent:
    """A coachee consents that the engagement's sponsors see its ratings, progress and
    approved report (in a team, every member's consent is needed)."""
    engagement = lock(engagement)
    ensure_coachee_of(engagement, by, doing=_("give their consent"))
    if SponsorConsent.objects.live().filter(engagement=engagement, person=by).exists():
        raise RuleBroken("consent_given", _("you already consent to this"))
    consent = SponsorConsent.objects.create(engagement=engagement, person=by, given_at=timezone.now())
    record_event(engagement=engagement, by=by, action="sponsor_consent.given", to_state="given")
    return consent


@transaction.atomic
def withdraw_consent(*, engagement: Engagement, by: User) -> SponsorConsent:
    """A coachee withdraws their consent: from the next request the sponsors see the
    default view again (state, terms, hours, objectives' titles). The record stays."""
    engagement = lock(engagement)
    ensure_coachee_of(engagement, by, doing=_("withdraw their consent"))
    consent = SponsorConsent.objects.live().select_for_update().filter(engagement=engagement, person=by).first()
    if consent is None:
        raise RuleBroken("no_consent", _("you have not given your consent"))
    consent.withdrawn_at = timezone.now()
    save_valid(consent)
    record_event(engagement=engagement, by=by, action="sponsor_consent.withdrawn", from_state="given", to_state="withdrawn")
    return consent


@transaction.atomic
def set_report_notice(*, sponsor: Sponsor, notify_on_report: bool, by: User) -> Sponsor:
    """A sponsor contact opts in (or out) of an email when a report they may read is approved."""
    if sponsor.user_id != by.pk:
        raise PermissionDenied(_("A sponsor contact sets their own emails."))
    sponsor = Sponsor.objects.select_for_update().get(pk=sponsor.pk)
    sponsor.notify_on_report = notify_on_report
    sponsor.save(update_fields=["notify_on_report", "updated_at"])
    return sponsor
