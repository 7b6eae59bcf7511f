from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from engagements.models import Engagement
from sessions_grow.models import CoachingSession, PrivateNote


@login_required
def session_detail(request: HttpRequest, public_id) -> HttpResponse:
    """A GROW session: the coach sees the full record and their own private note; a
    coachee sees only the summary their coach shared."""
    session = get_object_or_404(
        CoachingSession.objects.visible_to(request.user).select_related("engagement"), public_id=public_id
    )
    is_coach = Engagement.objects.coached_by(request.user).filter(pk=session.engagement_id).exists()
    note = PrivateNote.objects.visible_to(request.user).filter(session=session).first()
    return render(
        request,
        "sessions_grow/session_detail.html",
        {
            "session": session,
            "is_coach": is_coach,
            "note": note,
            "previous_actions": session.previous_actions() if is_coach else [],
            "agreed": session.agreed_items.select_related("owner"),
        },
    )
