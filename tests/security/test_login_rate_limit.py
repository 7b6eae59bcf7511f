"""Login attempts are rate-limited (django-axes): five failures for one username from one
address lock that pair out for 15 minutes, at the password and at the code step."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from tests.security.conftest import log_in_with_password

LOCKED = "Too many failed attempts: logging in as this user from your address is blocked for 15 minutes."


def fail_password(client: Client, username: str, times: int):
    for _ in range(times):
        response = client.post("/accounts/login/", {"username": username, "password": "not the password"})
    return response


def test_four_failures_still_let_the_right_password_in(alice, client):
    fail_password(client, "alice", 4)

    response = log_in_with_password(client, "alice")

    assert response.status_code == 302 and response.url == "/"


def test_the_fifth_failure_locks_the_login_with_a_clear_message(alice, client):
    fifth = fail_password(client, "alice", 5)
    right_password = log_in_with_password(client, "alice")

    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()
    assert right_password.status_code == 429 and LOCKED in right_password.content.decode()
    assert client.get("/").status_code == 302  # not logged in


def test_the_lockout_is_per_username_and_address(alice, bob, client):
    fail_password(client, "alice", 5)
    from_elsewhere = Client(REMOTE_ADDR="203.0.113.9")

    assert log_in_with_password(client, "bob").status_code == 302
    assert log_in_with_password(from_elsewhere, "alice").status_code == 302


def test_the_lockout_ends_after_15_minutes(alice, client, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    fail_password(client, "alice", 5)

    time_machine.shift(timedelta(minutes=14))
    still_locked = log_in_with_password(client, "alice")
    time_machine.shift(timedelta(minutes=16))  # 15 minutes after the last failure
    let_in = log_in_with_password(client, "alice")

    assert still_locked.status_code == 429
    assert let_in.status_code == 302 and let_in.url == "/"


def test_wrong_two_factor_codes_count_and_lock_out(alice, alice_2fa, client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # axes alone here; the device's own throttle has its test
    log_in_with_password(client, "alice")

    for _ in range(4):
        refused = client.post("/accounts/2fa/verify/", {"code": "123456"})
    fifth = client.post("/accounts/2fa/verify/", {"code": "123456"})

    assert refused.status_code == 400
    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()
    assert client.get("/").url.startswith("/accounts/login/")  # the half-done login is ended
    assert log_in_with_password(client, "alice").status_code == 429


def test_the_api_token_endpoint_is_rate_limited_too(alice, client):
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": "alice", "password": "nope"}, content_type="application/json")

    response = client.post(
        "/api/v1/auth/token/", {"username": "alice", "password": "correct horse battery"}, content_type="application/json"
    )

    assert response.status_code in (400, 429) and "token" not in response.json()
