"""Two-factor login: setting it up, the second login step, recovery codes, the staff
requirement and the API token."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaching import two_factor
from tests.pages.conftest import client_for
from tests.security.conftest import code_for, log_in_with_password, turn_on_two_factor


def test_a_user_sets_up_two_factor_through_the_pages(alice):
    client = client_for(alice)

    client.post("/accounts/2fa/setup/")
    page = client.get("/accounts/2fa/").content.decode()
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    confirmed = client.post("/accounts/2fa/setup/confirm/", {"code": code_for(device)})
    codes_page = client.get(confirmed.url).content.decode()
    again = client.get("/accounts/2fa/recovery-codes/")

    assert "<svg" in page and "<script" not in page.split("<main")[1]
    assert secret.replace(" ", "") in device.config_url
    assert confirmed.status_code == 302 and confirmed.url == "/accounts/2fa/recovery-codes/"
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", codes_page)) == 10
    assert again.status_code == 302  # shown once
    assert two_factor.has_two_factor(alice)


def test_a_wrong_code_does_not_confirm_the_setup(alice):
    client = client_for(alice)
    client.post("/accounts/2fa/setup/")

    response = client.post("/accounts/2fa/setup/confirm/", {"code": "000000"})

    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert not two_factor.has_two_factor(alice)


def test_login_with_two_factor_asks_for_a_code_before_any_page(alice, alice_2fa):
    client = Client()

    logged_in = log_in_with_password(client, "alice")
    held = client.get("/")
    verified = client.post("/accounts/2fa/verify/", {"code": alice_2fa.next_code(), "next": "/"})

    assert logged_in.url == "/"
    assert held.status_code == 302 and held.url.startswith("/accounts/2fa/verify/?next=")
    assert verified.status_code == 302 and verified.url == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")

    refused = client.post("/accounts/2fa/verify/", {"code": "123456", "next": "/"})

    assert refused.status_code == 400 and "That code is not right" in refused.content.decode()
    assert client.get("/").status_code == 302


def test_repeated_wrong_codes_are_throttled_by_the_device(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")
    client.post("/accounts/2fa/verify/", {"code": "123456"})

    # The device now wants a pause before the next try: even the right code waits.
    throttled = client.post("/accounts/2fa/verify/", {"code": alice_2fa.next_code()})

    assert "Verification temporarily disabled because of 1 failed attempt" in throttled.content.decode()
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(alice, alice_2fa):
    code = alice_2fa.recovery_codes[0]
    first, second = Client(), Client()
    log_in_with_password(first, "alice")
    log_in_with_password(second, "alice")

    used = first.post("/accounts/2fa/verify/", {"code": code.upper(), "next": "/"})
    reused = second.post("/accounts/2fa/verify/", {"code": code, "next": "/"})

    assert used.status_code == 302 and first.get("/").status_code == 200
    assert reused.status_code == 400 and second.get("/").status_code == 302
    assert StaticToken.objects.filter(device__user=alice).count() == 9


def test_logout_stays_open_during_the_second_step(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302 and response.url == "/accounts/login/"


def test_two_factor_is_turned_off_only_with_a_code(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")
    client.post("/accounts/2fa/verify/", {"code": alice_2fa.recovery_codes[0]})

    refused = client.post("/accounts/2fa/off/", {"off-code": "999999"})
    turned_off = client.post("/accounts/2fa/off/", {"off-code": alice_2fa.recovery_codes[1]})

    assert refused.status_code == 400
    assert turned_off.status_code == 302 and not two_factor.has_two_factor(alice)
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_without_two_factor_nothing_changes(alice, client):
    log_in_with_password(client, "alice")

    assert client.get("/").status_code == 200


@pytest.mark.parametrize("who", ["ada", "alice"])
def test_the_staff_requirement_sends_admins_and_coaches_to_set_it_up(settings, request, who):
    settings.TANDEM_REQUIRE_2FA_FOR_STAFF = True
    client = client_for(request.getfixturevalue(who))

    held = client.get("/")
    setup = client.get(held.url)

    assert held.status_code == 302 and held.url.startswith("/accounts/2fa/?next=")
    assert "requires two-factor login for admins and coaches" in setup.content.decode()


def test_the_staff_requirement_leaves_coachees_free(settings, carol):
    settings.TANDEM_REQUIRE_2FA_FOR_STAFF = True

    assert client_for(carol).get("/my/").status_code == 200


def test_the_staff_requirement_is_met_once_set_up(settings, alice, alice_2fa):
    settings.TANDEM_REQUIRE_2FA_FOR_STAFF = True
    client = Client()
    log_in_with_password(client, "alice")
    client.post("/accounts/2fa/verify/", {"code": alice_2fa.next_code()})

    page = client.get("/accounts/2fa/").content.decode()

    assert client.get("/").status_code == 200
    assert "Turn two-factor login off" not in page  # required: it cannot be turned off


def test_an_unverified_session_gets_no_api(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")

    response = client.get("/api/v1/engagements/")

    assert response.status_code == 403


def test_the_token_endpoint_refuses_a_two_factor_user_without_otp(alice, alice_2fa, client):
    url = "/api/v1/auth/token/"
    credentials = {"username": "alice", "password": "correct horse battery"}

    without = client.post(url, credentials, content_type="application/json")
    wrong = client.post(url, {**credentials, "otp": "000000"}, content_type="application/json")
    with_code = client.post(url, {**credentials, "otp": alice_2fa.recovery_codes[0]}, content_type="application/json")

    assert without.status_code == 400 and "otp" in without.json()
    assert wrong.status_code == 400 and "otp" in wrong.json()
    assert with_code.status_code == 200 and with_code.json()["token"]


def test_the_token_endpoint_needs_no_otp_without_two_factor(bob, client):
    response = client.post(
        "/api/v1/auth/token/", {"username": "bob", "password": "correct horse battery"}, content_type="application/json"
    )

    assert response.status_code == 200


def test_an_outsider_cannot_verify_with_someone_elses_codes(alice, alice_2fa, eve):
    eve_2fa = turn_on_two_factor(eve)
    client = Client()
    log_in_with_password(client, "eve")

    response = client.post("/accounts/2fa/verify/", {"code": alice_2fa.recovery_codes[0]})

    assert response.status_code == 400 and client.get("/my/").status_code == 302
    assert eve_2fa.device.user == eve



def test_a_verified_session_reads_no_device_until_the_devices_change(alice, alice_2fa):
    client = Client()
    log_in_with_password(client, "alice")
    client.post("/accounts/2fa/verify/", {"code": alice_2fa.next_code(), "next": "/"})
    client.get("/")  # the first page after the step checks the device, once

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    alice_2fa.device.delete()  # revoked (an admin, or a lost phone) and set up again
    turn_on_two_factor(alice)
    after_change = client.get("/")

    assert page.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "otp_" in q["sql"]]
    assert after_change.status_code == 302 and after_change.url.startswith("/accounts/2fa/verify/")
