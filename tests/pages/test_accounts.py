"""Invitations, password reset and change: signed links, and a tampered link is refused."""

from __future__ import annotations

import re
import uuid

from django.core import mail

from coaching.tasks import send_password_reset
from engagements.models import User
from tests.pages.conftest import NINA, new_engagement_form


def link_in(message) -> str:
    return re.search(r"http://[^\s]+", message.body).group(0).replace("http://127.0.0.1:8000", "")


def test_a_new_client_is_invited_and_sets_a_password_from_the_link(as_alice, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post("/engagements/new/", new_engagement_form(newcomers=[NINA]))
    (invitation,) = mail.outbox

    form = client.get(link_in(invitation), follow=True)
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "a long pass phrase", "new_password2": "a long pass phrase"})

    assert invitation.to == ["nina@example.com"] and "Career" not in invitation.body
    assert done.status_code == 302
    assert User.objects.get(email="nina@example.com").check_password("a long pass phrase")


def test_a_tampered_invitation_link_is_refused(as_ada, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        as_ada.post("/roster/invite/", {"token": uuid.uuid4(), "first_name": "Cleo", "last_name": "Coach", "email": "cleo@example.com", "capacity": "5"})
    link = link_in(mail.outbox[0])
    tampered = link[:-3] + ("aaa/" if not link.endswith("aaa/") else "bbb/")

    response = client.get(tampered, follow=True)

    assert "This invitation is not valid" in response.content.decode()
    assert not User.objects.get(email="cleo@example.com").has_usable_password()


def test_a_password_reset_link_only_serves_for_resetting(alice, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        client.post("/accounts/password_reset/", {"email": alice.email})
    assert len(queued) == 1 and mail.outbox == []  # the worker sends it
    send_password_reset.run(email=alice.email)
    (message,) = mail.outbox
    reset_link = link_in(message)

    # The invitation view must not accept a reset token, nor the other way round.
    invitation_like = reset_link.replace("/accounts/reset/", "/accounts/invitation/")
    response = client.get(invitation_like, follow=True)

    assert "not valid" in response.content.decode()
    assert client.get(reset_link, follow=True).context["validlink"]


def test_a_user_changes_their_password(as_alice, alice):
    response = as_alice.post(
        "/accounts/password_change/",
        {"old_password": "correct horse battery", "new_password1": "another long phrase", "new_password2": "another long phrase"},
    )

    alice.refresh_from_db()
    assert response.status_code == 302 and alice.check_password("another long phrase")


def test_log_in_and_out(alice, client):
    logged_in = client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})
    logged_out = client.post("/accounts/logout/")

    assert logged_in.url == "/" and logged_out.url == "/accounts/login/"
