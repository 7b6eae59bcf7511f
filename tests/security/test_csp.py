"""Content Security Policy: every page carries one with a fresh nonce, and nothing
inline runs or styles without that nonce (Django's own CSP middleware)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.pages.conftest import client_for


class InlineFinder(HTMLParser):
    """Inline scripts and styles that a nonce-based policy would block."""

    def __init__(self, nonce: str) -> None:
        super().__init__()
        self.nonce, self.blocked = nonce, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.blocked.append(f"<{tag} style=…>")
        if any(name.startswith("on") for name in attrs):
            self.blocked.append(f"<{tag} on…=…>")
        executable = tag == "script" and attrs.get("type", "text/javascript") in ("text/javascript", "module")
        if (executable and "src" not in attrs or tag == "style") and attrs.get("nonce") != self.nonce:
            self.blocked.append(f"<{tag}> without the nonce")


def nonce_of(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"'nonce-([^']+)'", policy).group(1)


def blocked_in(response) -> list[str]:
    finder = InlineFinder(nonce_of(response))
    finder.feed(response.content.decode())
    return finder.blocked


def test_a_page_carries_a_strict_policy_with_a_nonce(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]

    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert re.search(r"script-src 'self' 'nonce-[\w-]+'", policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert f'nonce="{nonce_of(response)}"' in response.content.decode()


def test_the_nonce_is_fresh_on_every_response(client):
    assert nonce_of(client.get("/accounts/login/")) != nonce_of(client.get("/accounts/login/"))


def test_htmx_is_told_not_to_inject_its_indicator_style(client):
    page = client.get("/accounts/login/").content.decode()

    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in page


@pytest.mark.parametrize("who", ["ada", "alice", "carol"])
def test_our_pages_have_nothing_inline_without_the_nonce(request, who, active, bob):
    client = client_for(request.getfixturevalue(who))
    paths = ["/", "/my/", "/accounts/2fa/", "/accounts/password_change/", f"/engagements/{active.public_id}/"]
    paths += ["/roster/"] if who != "carol" else []

    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert blocked_in(response) == [], path


def test_the_two_factor_setup_page_has_nothing_inline_without_the_nonce(alice):
    client = client_for(alice)
    client.post("/accounts/2fa/setup/")

    response = client.get("/accounts/2fa/")

    assert "<svg" in response.content.decode() and blocked_in(response) == []


def test_the_swagger_ui_runs_its_inline_script_by_nonce(alice):
    response = client_for(alice).get("/api/docs/")

    assert response.status_code == 200
    assert blocked_in(response) == []
    assert "SwaggerUIBundle(" in response.content.decode()


def test_the_django_admin_has_nothing_inline(admin_client, ada):
    for path in ["/admin/", "/admin/engagements/user/", f"/admin/engagements/user/{ada.pk}/change/"]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" in response.headers
        finder = InlineFinder(nonce="none given")
        finder.feed(response.content.decode())
        assert finder.blocked == [], path
