"""Every page and every POST looks its object up through visible_to: someone else's id is 404."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sessions_grow import services as grow
from tests.pages.conftest import client_for


@pytest.fixture
def objects(active, alice, carol):
    session = grow.schedule_session(engagement=active, scheduled_at=timezone.now(), by=alice)
    item = grow.agree_action(
        session=grow.hold_session(session=session, duration_minutes=50, by=alice), title="Write", owner=carol, by=alice
    )
    return {"e": active.public_id, "s": session.public_id, "o": active.objectives.get().public_id, "i": item.public_id, "c": alice.coach.public_id}


GETS = [
    "/engagements/{e}/",
    "/engagements/{e}/exploratory/",
    "/engagements/{e}/assessment/",
    "/engagements/{e}/sessions/new/",
    "/sessions/{s}/",
    "/roster/{c}/",
    "/engagements/{e}/mpc/",
]
POSTS = [
    "/engagements/{e}/transition/",
    "/engagements/{e}/coach/",
    "/engagements/{e}/exploratory/session/",
    "/engagements/{e}/exploratory/objectives/",
    "/engagements/{e}/exploratory/terms/",
    "/engagements/{e}/assessment/evaluation/",
    "/engagements/{e}/sessions/new/",
    "/objectives/{o}/evaluate/",
    "/actions/{i}/progress/",
    "/sessions/{s}/hold/",
    "/sessions/{s}/record/",
    "/sessions/{s}/call-off/",
    "/sessions/{s}/actions/",
    "/sessions/{s}/note/",
    "/roster/{c}/certifications/",
    "/roster/{c}/edit/",
    "/roster/{c}/active/",
    "/engagements/{e}/report/",
    "/engagements/{e}/sponsors/",
    "/my/engagements/{e}/consent/",
    "/my/engagements/{e}/consent/withdraw/",
    "/objectives/{o}/progress-rating/",
]


@pytest.mark.parametrize("outsider", ["eve", "bob"])
def test_outsiders_get_404_on_every_page(objects, outsider, request):
    client = client_for(request.getfixturevalue(outsider))

    answers = {url: client.get(url.format(**objects)).status_code for url in GETS}
    answers |= {url: client.post(url.format(**objects), {"to": "active"}).status_code for url in POSTS}

    assert set(answers.values()) == {404}, answers


def test_the_coach_reaches_the_same_pages(objects, alice):
    client = client_for(alice)

    answers = {url: client.get(url.format(**objects)).status_code for url in GETS}

    assert set(answers.values()) <= {200, 302}, answers


def test_anonymous_visitors_are_sent_to_log_in(objects, client):
    response = client.get("/engagements/{e}/".format(**objects))

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
