"""What the engagement pages share: who coaches an engagement, and the gate that asks it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from engagements.models import (
    Engagement,
    User,
)


def is_coach_of(user: User, engagement: Engagement) -> bool:
    return Engagement.objects.coached_by(user).filter(pk=engagement.pk).exists()


def coached_engagement(request: HttpRequest, public_id, queryset=None) -> Engagement:
    """An engagement the user may see (else 404) and coaches (else 403)."""
    if queryset is None:
        queryset = Engagement.objects.visible_to(request.user)
    engagement = get_object_or_404(queryset, public_id=public_id)
    if not is_coach_of(request.user, engagement):
        raise PermissionDenied(_("Only this engagement's coach works on it."))
    return engagement
