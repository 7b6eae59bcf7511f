"""What every app's services share: the guards that check who may act and in which
state, and the audit rows each act writes. (The refusal they raise, RuleBroken, is kit's.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from engagements.audit import current_origin
from engagements.models import (
    Engagement,
    EngagementEvent,
    User,
)
from kit.errors import RuleBroken

# ---------------------------------------------------------------------------
# Guards shared by every app's services
# ---------------------------------------------------------------------------


def ensure_admin(by: User) -> None:
    if not by.is_practice_admin:
        raise PermissionDenied(_("Only a practice admin may do this."))


def ensure_coach_of(engagement: Engagement, by: User) -> None:
    """Only the engagement's lead coach or a named co-coach writes its content."""
    if not Engagement.objects.coached_by(by).filter(pk=engagement.pk).exists():
        raise PermissionDenied(_("Only this engagement's coach may do this."))


def ensure_coachee_of(engagement: Engagement, by: User, *, doing: str) -> None:
    """Only the engagement's own coachees act for themselves on it; `doing` is the act in
    translated words, as the sentence's end ("rate themselves")."""
    if not engagement.coachees.filter(user=by).exists():
        # Translators: %(doing)s is what they do, conjugated for "they" ("rate themselves").
        raise PermissionDenied(_("Only the engagement's coachees %(doing)s.") % {"doing": doing})


def ensure_state(engagement: Engagement, *states: str, doing: str) -> None:
    """Refuse unless the engagement is in one of `states`; `doing` is the act in translated
    words, as a verb's infinitive ("add an objective")."""
    if engagement.state not in states:
        raise RuleBroken(
            "wrong_state",
            # Translators: %(doing)s is an infinitive ("add an objective"); %(state)s the state's name.
            _("cannot %(doing)s while the engagement is %(state)s")
            % {"doing": doing, "state": engagement.get_state_display().lower()},
        )


def ensure_record_open(engagement: Engagement, *, doing: str) -> None:
    """A finished engagement's record is closed: nothing in it changes any more."""
    ensure_state(engagement, *Engagement.OPEN_STATES, doing=doing)


def apply_changes(obj: Any, changes: dict[str, Any], *, allowed: Iterable[str]) -> list[str]:
    """Set each allowed field that `changes` gives a new value; refuse any other field.
    Returns the names of the fields that really changed, for the audit row."""
    if unknown := set(changes) - set(allowed):
        raise ValidationError(_("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, changes[name])
    return changed


def what_changed(label: str, changed: Iterable[str]) -> str:
    """An audit subject naming the fields changed (never their content)."""
    fields = ", ".join(name.replace("_", " ") for name in changed)
    return f"{label}: {fields}" if fields else f"{label}: nothing"


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
    reason: str = "",
) -> EngagementEvent:
    """Write the audit row of one act on an engagement (never its content; a reason only
    as the actor gave it)."""
    origin = current_origin()
    return EngagementEvent.objects.create(
        engagement=engagement,
        engagement_ref=engagement.public_id,
        actor=by,
        action=action,
        subject=subject[:200],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        ip_address=origin.ip_address,
        channel=origin.channel,
    )


def record_roster_event(*, by: User, action: str, ref, subject: str = "", reason: str = "") -> EngagementEvent:
    """Write the audit row of an act on the roster (a coach, a certification, a sponsor,
    a client): no engagement, the roster row's public id as the reference."""
    origin = current_origin()
    return EngagementEvent.objects.create(
        engagement=None,
        engagement_ref=ref,
        actor=by,
        action=action,
        subject=subject[:200],
        reason=reason,
        ip_address=origin.ip_address,
        channel=origin.channel,
    )


def record_view(*, engagement: Engagement, by: User, subject: str = "") -> None:
    """Note that `by` read the engagement's content (an access log: one row a read)."""
    record_event(engagement=engagement, by=by, action="engagement.viewed", subject=subject)


def lock(engagement: Engagement) -> Engagement:
    """Re-read the engagement under a row lock so concurrent acts serialise."""
    return Engagement.objects.select_for_update().get(pk=engagement.pk)
