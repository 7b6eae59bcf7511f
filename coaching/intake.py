"""Starting an engagement, as the practice does it: for returning clients and new ones
(each new one registered and invited), for one person or a team, with or without MPC
(whose seven stages are laid out at once). It spans engagements and mpc, so it lives in
the project's glue; pages and the API both call `start_engagement`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engagements.models import Coach, Coachee, Engagement, Organisation, User
from engagements.services import add_coachee, open_engagement
from mpc.services import lay_out_stages


@dataclass(frozen=True)
class Newcomer:
    """A client not yet registered: they get an invitation to set their password."""

    first_name: str
    last_name: str
    email: str
    job_title: str = ""


@transaction.atomic
def start_engagement(
    *,
    title: str,
    by: User,
    coach: Coach | None = None,
    coachees: Sequence[Coachee] = (),
    newcomers: Sequence[Newcomer] = (),
    kind: str | None = None,
    organisation: Organisation | None = None,
    uses_mpc: bool = False,
    opened_on: date | None = None,
) -> Engagement:
    """Open an exploratory engagement for returning clients (`coachees`) and new ones (a team when more
    than one), registering and inviting the new ones; with MPC, its stages at once."""
    coach = coach or _own_roster_entry(by)
    for client in coachees:
        if not Coachee.objects.visible_to(by).filter(pk=client.pk).exists():
            raise ValidationError({"coachees": _("Pick clients from your own list.")})
    people = list(coachees)
    for index, newcomer in enumerate(newcomers):
        try:
            people.append(
                add_coachee(
                    email=newcomer.email, first_name=newcomer.first_name, last_name=newcomer.last_name,
                    job_title=newcomer.job_title, organisation=organisation, by=by,
                )
            )
        except ValidationError as error:
            # Say which newcomer the message is about when there are several.
            raise ValidationError({f"newcomers-{index}-{field}": messages for field, messages in error.message_dict.items()}) from error
    if not people:
        raise ValidationError({"coachees": _("Pick a returning client or add a new one.")})
    if len({person.pk for person in people}) != len(people):
        raise ValidationError({"coachees": _("A client is named twice.")})
    engagement = open_engagement(
        title=title, coach=coach, coachees=people, by=by, organisation=organisation, uses_mpc=uses_mpc,
        opened_on=opened_on, kind=kind or (Engagement.Kind.TEAM if len(people) > 1 else Engagement.Kind.INDIVIDUAL),
    )
    if uses_mpc:
        lay_out_stages(engagement, by=by)
    return engagement


def _own_roster_entry(by: User) -> Coach:
    try:
        return by.coach
    except Coach.DoesNotExist:
        raise PermissionDenied(_("Name the coach who leads the engagement.")) from None
