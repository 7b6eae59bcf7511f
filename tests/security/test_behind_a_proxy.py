"""Behind a reverse proxy (TANDEM_TRUSTED_PROXIES) the lockout and the audit trail see
each client's own address, read through the trusted proxies only: one attacker locks out
only their own (username, address) pair, and a forged X-Forwarded-For changes nothing.
The proxy is a real process in front of the live app; clients come from distinct
loopback addresses."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
from ipaddress import ip_network
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from engagements.models import EngagementEvent
from kit.network import client_ip
from tests.conftest import activate, open_for
from tests.security.conftest import PASSWORD

PROXY_SCRIPT = Path(__file__).with_name("forwarding_proxy.py")
ATTACKER, VICTIM = "127.0.0.2", "127.0.0.3"


@pytest.fixture
def proxy(live_server, settings):
    """The forwarding proxy in its own process, in front of the live app, which trusts it."""
    settings.TANDEM_TRUSTED_PROXIES = (ip_network("127.0.0.1"),)
    process = subprocess.Popen(
        [sys.executable, str(PROXY_SCRIPT), live_server.url], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(process.stdout.readline().split()[1])  # blocks until it listens
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def ask(port: int, source: str, method: str, path: str, body: dict | None = None, **headers) -> tuple[int, dict]:
    """One request through the proxy, sent from the loopback address `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    payload = json.dumps(body) if body is not None else None
    connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **headers})
    response = connection.getresponse()
    status, raw = response.status, response.read()
    connection.close()
    return status, json.loads(raw) if raw else {}


def get_token(port: int, source: str, password: str, **headers) -> tuple[int, dict]:
    return ask(port, source, "POST", "/api/v1/auth/token/", {"username": "alice", "password": password}, **headers)


@pytest.mark.django_db(transaction=True)
def test_an_attacker_locks_out_only_their_own_address(proxy, alice):
    for _ in range(5):
        get_token(proxy, ATTACKER, "not the password")

    attacker = get_token(proxy, ATTACKER, PASSWORD)
    victim = get_token(proxy, VICTIM, PASSWORD)

    assert attacker[0] in (400, 429) and "token" not in attacker[1]
    assert victim[0] == 200 and victim[1]["token"]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.django_db(transaction=True)
def test_a_forged_forwarded_for_does_not_move_the_lockout_onto_someone_else(proxy, alice):
    for _ in range(5):
        get_token(proxy, ATTACKER, "not the password", **{"X-Forwarded-For": VICTIM})

    victim = get_token(proxy, VICTIM, PASSWORD)

    assert victim[0] == 200
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.django_db(transaction=True)
def test_the_audit_trail_records_the_clients_address_not_the_proxys(proxy, alice, carol):
    engagement = activate(open_for(alice, carol), alice)
    _, issued = get_token(proxy, VICTIM, PASSWORD)

    status, _ = ask(proxy, VICTIM, "GET", f"/api/v1/engagements/{engagement.public_id}/", Authorization=f"Token {issued['token']}")

    viewed = EngagementEvent.objects.get(engagement=engagement, action="engagement.viewed")
    assert status == 200 and viewed.ip_address == VICTIM


def resolved(remote: str, forwarded: str | None = None) -> str | None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}))
    return client_ip(request)


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not through a trusted proxy: the header is ignored
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),  # one trusted proxy
        ("10.0.0.2", "192.0.2.66, 198.51.100.1", "198.51.100.1"),  # the client's own entry on the left is not read
        ("10.0.0.2", "198.51.100.1, 10.0.0.7", "198.51.100.1"),  # two trusted proxies in a row
        ("10.0.0.2", None, "10.0.0.2"),  # a trusted proxy that sent no header: its own address
        ("10.0.0.2", "garbage", "10.0.0.2"),  # an unreadable entry: the last address vouched for
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_through_trusted_proxies_only(settings, remote, forwarded, expected):
    settings.TANDEM_TRUSTED_PROXIES = (ip_network("10.0.0.0/8"),)

    assert resolved(remote, forwarded) == expected


def test_without_trusted_proxies_forwarded_for_is_never_read(settings):
    settings.TANDEM_TRUSTED_PROXIES = ()

    assert resolved("10.0.0.2", "198.51.100.1") == "10.0.0.2"
