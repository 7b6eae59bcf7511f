"""Passwords follow Django's validators (length, common, similarity, numeric) with a
length that fits confidential files; a session ends after an idle while."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from engagements.models import User


def refused(password: str, user: User | None = None) -> bool:
    try:
        validate_password(password, user)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize("first_name", ["Dave", "Eve", "Carol", "Caroline", "Christopher", "Maximilian"])
def test_a_first_name_followed_by_demo_is_refused(first_name):
    person = User(username=f"{first_name.lower()}@example.com", first_name=first_name, last_name="Client", email=f"{first_name.lower()}@example.com")

    assert refused(f"{first_name}demo", person)
    assert refused(f"{first_name.lower()}demo", person)


@pytest.mark.parametrize("password", ["short1", "password1234", "123456789012", "qwertyuiop12"])
def test_short_common_and_numeric_passwords_are_refused(password):
    assert refused(password)


def test_a_long_passphrase_is_accepted():
    person = User(username="dave@example.com", first_name="Dave", last_name="Client", email="dave@example.com")

    assert not refused("copper kettle on the hill", person)


def test_the_minimum_length_is_twelve_by_default(settings):
    (length,) = [v["OPTIONS"]["min_length"] for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator")]

    assert length == 12


def test_an_idle_session_ends_after_the_timeout(alice, time_machine, settings):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    browser = Client()
    browser.force_login(alice)
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)

    time_machine.shift(idle - timedelta(minutes=1))
    still_in = browser.get("/")
    time_machine.shift(idle - timedelta(minutes=1))  # each request renewed the session
    renewed = browser.get("/")
    time_machine.shift(idle + timedelta(minutes=1))
    timed_out = browser.get("/")

    assert still_in.status_code == renewed.status_code == 200
    assert timed_out.status_code == 302 and timed_out.url.startswith("/accounts/login/")


def test_the_idle_timeout_is_an_hour_by_default(settings):
    assert settings.SESSION_COOKIE_AGE == 3600


def test_a_session_is_renewed_at_most_once_a_minute(alice, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    browser = Client()
    browser.force_login(alice)
    browser.get("/")

    time_machine.shift(timedelta(seconds=30))
    within_the_minute = browser.get("/")
    time_machine.shift(timedelta(seconds=31))
    a_minute_later = browser.get("/")

    assert settings_cookie(within_the_minute) is None  # not written again
    assert settings_cookie(a_minute_later) is not None  # renewed: a new idle hour from now


def settings_cookie(response):
    from django.conf import settings

    return response.cookies.get(settings.SESSION_COOKIE_NAME)
