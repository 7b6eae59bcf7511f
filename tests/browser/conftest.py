"""Browser journeys: pytest-playwright drives Debian's Chromium against live_server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connections

# The sync Playwright API runs an event loop in the test thread; Django's ORM calls from
# the test's own setup are still synchronous and safe there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"  # tests/factories.py


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Chromium: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def close_connections_opened_beside_playwright(playwright):
    """While the sync Playwright API runs, its event loop counts as running in this thread,
    so Django keeps this thread's database connection in async-context storage: another
    connection than the one pytest-django closes before dropping the test database (which
    then fails: "being accessed by other users"). Close it while Playwright still runs."""
    yield
    connections.close_all()


@pytest.fixture(autouse=True)
def no_csp_violations(page):
    """Fail any browser test during which Chromium refused something under our
    Content-Security-Policy (an inline script or style, a foreign source)."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    yield
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def log_in(page, live_server):
    """Log `username` in through the login form, as a person would."""

    def log_in(username: str) -> None:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return log_in


@pytest.fixture
def screenshots(page, output_path, delete_output_dir):
    """Save the current page at laptop (1280 px) and phone (375 px) widths under the test's output."""

    def take(name: str) -> list[Path]:
        Path(output_path).mkdir(parents=True, exist_ok=True)
        paths = []
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            path = Path(output_path) / f"{name}-{width}.png"
            page.screenshot(path=path, full_page=True)
            paths.append(path)
        page.set_viewport_size({"width": 1280, "height": 900})
        return paths

    return take
