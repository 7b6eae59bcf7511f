"""What every MPC page shares: the engagement the coach works on, its stages, its goals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from engagements.models import Engagement
from mpc.models import Milestone, Stage

STAGE = "mpc/stage.html"


def coached_engagement(request: HttpRequest, public_id) -> Engagement:
    """The engagement, if the user may see it (else 404) and coaches it (else 403)."""
    engagement = get_object_or_404(
        Engagement.objects.visible_to(request.user).prefetch_related("mpc_stages"), public_id=public_id
    )
    if not Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists():
        raise PermissionDenied(_("Only this engagement's coach works on its MPC stages."))
    return engagement


def stage_of(engagement: Engagement, number: int) -> Stage:
    """Stage `number` of the engagement, from its prefetched stages."""
    for stage in engagement.mpc_stages.all():
        if stage.number == number:
            return stage
    raise Http404("No such stage.")



def goals_of(engagement: Engagement):
    """The goals with their milestones, each list in one query."""
    return engagement.mpc_goals.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.select_related("owner", "goal")))
