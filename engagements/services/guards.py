"""What every app's services share: the refusal a broken rule raises, the guards that
check who may act and in which state, and the audit rows each act writes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from engagements.audit import current_origin
from engagements.models import (
    Engagement,
    EngagementEvent,
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
