"""Journey: a coach turns on two-factor login from its page, logs out, and logs back in
with her password and the code her authenticator app shows."""

from __future__ import annotations

import time
from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app that scanned `secret` shows (or shows `steps_ahead` periods on).

    A person reads a code with time left to type it: one read in a period's last seconds
    would reach the server in the next period, and the server would take it as the app's
    clock running one period behind and expect every later code one period early."""
    if (left := 30 - time.time() % 30) < 5:
        time.sleep(left)
    return f"{totp(b32decode(secret.replace(' ', '')), t0=-30 * steps_ahead):06d}"


def test_coach_sets_up_two_factor_and_logs_in_with_a_code(page, live_server, log_in, screenshots, alice):
    log_in("alice")
    page.get_by_role("link", name="Two-factor").click()
    page.get_by_role("button", name="Set up two-factor login").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    screenshots("two-factor-setup")
    page.get_by_label("Code from the app").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor login").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    screenshots("recovery-codes")

    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    screenshots("two-factor-step")
    page.get_by_label("Code").fill(app_code(secret, steps_ahead=1))  # the setup's code cannot be replayed
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_role("heading", name="Hello Alice")).to_be_visible()
    screenshots("dashboard")


def test_a_wrong_code_keeps_the_coach_at_the_second_step(page, live_server, alice):
    from tests.security.conftest import turn_on_two_factor

    turn_on_two_factor(alice)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Verify").click()

    expect(page.locator("#id_code_error")).to_contain_text("That code is not right")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
