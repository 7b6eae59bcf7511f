"""Journey: a client asks on the login page for a sign-in link, opens the email, signs in
with one press; later the same link is refused, in a sentence, with a new one a click away.
And an invited client starts without choosing a password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagements import services


@pytest.fixture(autouse=True)
def tasks_run_at_once():
    """The page queues the email for the worker; here it goes out in the server's thread,
    into the outbox this test reads (live_server shares it)."""
    from coaching.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def link_emailed_to(email: str) -> str:
    (message,) = [message for message in mail.outbox if message.to == [email]]
    mail.outbox.clear()
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_coachee_signs_in_with_the_emailed_link_once(page, live_server, screenshots, dave):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    screenshots("login-page")
    page.get_by_role("link", name="Email me a sign-in link").click()
    page.get_by_label("Email").fill(dave.email)
    screenshots("ask-for-a-link")
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshots("link-sent")

    link = live_server.url + link_emailed_to(dave.email)
    page.goto(link)
    expect(page.get_by_role("heading", name="Sign in as Dave")).to_be_visible()
    screenshots("open-the-link")
    page.get_by_role("button", name="Sign in to Tandem").click()
    expect(page.get_by_role("heading", name="My coaching")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.goto(link)
    expect(page.get_by_role("heading", name="This sign-in link no longer works")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("It has expired, was already used, or was changed on the way")
    screenshots("used-link-refused")
    page.get_by_role("button", name="Email me a new link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    page.goto(live_server.url + link_emailed_to(dave.email))
    page.get_by_role("button", name="Sign in to Tandem").click()
    expect(page.get_by_role("heading", name="My coaching")).to_be_visible()


def test_an_invited_coachee_starts_without_a_password(page, live_server, screenshots, alice):
    coachee = services.add_coachee(email="nina@example.com", first_name="Nina", last_name="Newcomer", by=alice)
    invitation = services.invitation_link(coachee.user).replace("http://127.0.0.1:8000", live_server.url)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(invitation)
    expect(page.get_by_role("heading", name="Welcome to Tandem")).to_be_visible()
    screenshots("invitation-with-or-without-a-password")
    page.get_by_role("button", name="Continue without a password").click()

    expect(page.get_by_role("heading", name="My coaching")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Next time, choose “Email me a sign-in link” on the login page.")
