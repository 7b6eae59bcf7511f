"""API tokens (django-rest-knox): issued after the same verified login as the pages,
stored as a hash, expiring, one per login, listed and revoked by their owner, and all
revoked when the password or two-factor login changes."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from coaching.models import ApiToken
from coaching.tokens import issue_token
from tests.conftest import client_for
from tests.security.conftest import PASSWORD, code_for, turn_on_two_factor

TOKEN_URL = "/api/v1/auth/token/"


def get_token(username: str, **extra) -> tuple[int, dict]:
    response = Client().post(TOKEN_URL, {"username": username, "password": PASSWORD, **extra}, content_type="application/json")
    return response.status_code, response.json()


def api_with(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_only_a_hash_of_the_token_is_stored(bob):
    status, body = get_token("bob", name="nightly export")

    stored = ApiToken.objects.get(user=bob)
    assert status == 200 and body["name"] == "nightly export"
    assert body["token"] not in (stored.digest, stored.token_key)
    assert body["token"] not in " ".join(str(value) for value in ApiToken.objects.values_list().get())
    assert api_with(body["token"]).get("/api/v1/engagements/").status_code == 200


def test_each_login_gets_its_own_token(bob):
    _, first = get_token("bob")
    _, second = get_token("bob")

    assert first["token"] != second["token"] and first["id"] != second["id"]
    assert ApiToken.objects.filter(user=bob).count() == 2


def test_the_staff_requirement_refuses_a_token_to_a_coach_without_two_factor(alice, settings):
    settings.TANDEM_REQUIRE_2FA_FOR_STAFF = True

    status, body = get_token("alice")

    assert status == 403 and "two-factor" in body["detail"]
    assert not ApiToken.objects.filter(user=alice).exists()


def test_the_staff_requirement_is_met_with_two_factor_and_a_code(alice, settings):
    settings.TANDEM_REQUIRE_2FA_FOR_STAFF = True
    two_factor = turn_on_two_factor(alice)

    status, body = get_token("alice", otp=two_factor.next_code())

    assert status == 200 and body["token"]


def test_a_token_unused_for_its_lifetime_expires(bob, time_machine, settings):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    _, key = issue_token(user=bob)

    time_machine.shift(settings.REST_KNOX["TOKEN_TTL"] + timedelta(minutes=1))

    assert api_with(key).get("/api/v1/engagements/").status_code == 401
    assert not ApiToken.objects.filter(user=bob).exists()


def test_a_token_in_use_is_renewed_up_to_the_hard_limit(bob, time_machine, settings):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    _, key = issue_token(user=bob)
    step = settings.REST_KNOX["TOKEN_TTL"] - timedelta(minutes=5)
    limit = settings.REST_KNOX["AUTO_REFRESH_MAX_TTL"]

    answers = []
    elapsed = timedelta(0)
    while elapsed + step < limit:
        time_machine.shift(step)
        elapsed += step
        answers.append(api_with(key).get("/api/v1/engagements/").status_code)
    time_machine.shift(step)

    assert set(answers) == {200}
    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_the_owner_lists_their_tokens_without_their_keys(bob, alice):
    _, mine = issue_token(user=bob, name="laptop")
    issue_token(user=bob, name="server")
    issue_token(user=alice, name="not bob's")

    response = api_with(mine).get("/api/v1/auth/tokens/")

    rows = response.json()["results"]
    assert sorted(row["name"] for row in rows) == ["laptop", "server"]
    assert [row["current"] for row in rows if row["name"] == "laptop"] == [True]
    assert mine not in response.content.decode() and "token" not in rows[0]


def test_the_owner_revokes_a_token_through_the_api_and_no_one_else_can(bob, alice):
    _, mine = issue_token(user=bob)
    script, script_key = issue_token(user=bob, name="script")

    by_alice = client_for(alice).delete(f"/api/v1/auth/tokens/{script.public_id}/")
    by_bob = api_with(mine).delete(f"/api/v1/auth/tokens/{script.public_id}/")

    assert by_alice.status_code == 404
    assert by_bob.status_code == 204
    assert api_with(script_key).get("/api/v1/engagements/").status_code == 401
    assert api_with(mine).get("/api/v1/engagements/").status_code == 200


def test_the_owner_lists_and_revokes_tokens_on_a_page(bob):
    token, key = issue_token(user=bob, name="reporting script")
    browser = Client()
    browser.force_login(bob)

    page = browser.get("/accounts/tokens/").content.decode()
    revoked = browser.post(f"/accounts/tokens/{token.public_id}/revoke/")

    assert "reporting script" in page and key not in page and token.digest not in page
    assert revoked.status_code == 302
    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_revoke_all_on_the_page_ends_every_token(bob):
    keys = [issue_token(user=bob)[1] for _ in range(3)]
    browser = Client()
    browser.force_login(bob)

    browser.post("/accounts/tokens/revoke-all/")

    assert {api_with(key).get("/api/v1/engagements/").status_code for key in keys} == {401}


def test_a_password_change_revokes_every_token(bob):
    _, key = issue_token(user=bob)
    browser = Client()
    browser.force_login(bob)

    changed = browser.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "a much longer passphrase 42", "new_password2": "a much longer passphrase 42"},
    )

    assert changed.status_code == 302
    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_a_password_set_anywhere_else_revokes_every_token_too(bob):
    _, key = issue_token(user=bob)

    bob.set_password("set from the shell or the admin 7")
    bob.save()

    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_turning_two_factor_on_revokes_tokens_issued_on_the_password_alone(bob):
    _, key = issue_token(user=bob)

    turn_on_two_factor(bob)

    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_turning_two_factor_off_revokes_every_token(bob):
    two_factor = turn_on_two_factor(bob)
    _, key = issue_token(user=bob)
    browser = Client()
    browser.force_login(bob)
    browser.post("/accounts/2fa/verify/", {"code": two_factor.recovery_codes[0]})

    turned_off = browser.post("/accounts/2fa/off/", {"off-code": code_for(two_factor.device, steps_ahead=1)})

    assert turned_off.status_code == 302
    assert api_with(key).get("/api/v1/engagements/").status_code == 401


def test_a_token_header_that_is_not_text_is_refused_not_crashed_on(bob):
    response = Client(HTTP_AUTHORIZATION="Token caf\xe9").get("/api/v1/engagements/")

    assert response.status_code == 401


def test_the_daily_purge_removes_expired_tokens(bob, time_machine):
    from coaching.celery import app
    from coaching.tokens import purge_expired_tokens

    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    issue_token(user=bob)
    time_machine.shift(timedelta(days=400))
    issue_token(user=bob, name="fresh")

    assert purge_expired_tokens() == 1
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["fresh"]
    assert app.conf.beat_schedule["purge-expired-tokens"]["task"] == "coaching.tasks.purge_expired_tokens"
