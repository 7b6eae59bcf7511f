"""Browser journeys: pytest-playwright drives Debian's Chromium against live_server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

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
def patient_assertions():
    """CI runs two browsers and two servers on two cores: an assertion waits up to 15 s
    for the page to show what a person would see (Playwright's default is 5 s)."""
    expect.set_options(timeout=15_000)


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
def signed_in() -> dict:
    """Who the journey is signed in as, for the accessibility check's second visit."""
    return {"username": None}


@pytest.fixture
def log_in(page, live_server, signed_in):
    """Log `username` in through the login form, as a person would."""

    def log_in(username: str) -> None:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        signed_in["username"] = username

    return log_in


@pytest.fixture
def screenshots(page, output_path, delete_output_dir, request):
    """Save the current page at laptop (1280 px) and phone (375 px) widths under the test's
    output — or, with TANDEM_KEEP_SCREENSHOTS=1, under docs/screenshots/<journey>/, where
    the ones a person looked at are committed."""
    keep = os.environ.get("TANDEM_KEEP_SCREENSHOTS") == "1"
    folder = Path(__file__).parents[2] / "docs" / "screenshots" / request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_") if keep else Path(output_path)

    def take(name: str) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            path = folder / f"{name}-{width}.png"
            page.screenshot(path=path, full_page=True)
            paths.append(path)
        page.set_viewport_size({"width": 1280, "height": 900})
        return paths

    return take


AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
# What a person cannot get past: axe's serious and critical findings fail the journey.
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[str]:
    """Run axe-core (vendored, never served by the app) on the page as it stands."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # through the DevTools protocol: the page's CSP does not apply to it
    # Django admin's filter widget (SelectFilter2.js) puts aria-label on a bare icon span:
    # Django's markup, not ours; the field's label already names it.
    results = page.evaluate(
        "async () => await axe.run({include: [document], exclude: [['.search-label-icon']]}, {resultTypes: ['violations']})"
    )
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.fixture(autouse=True)
def every_page_passes_axe(page, live_server, signed_in, log_in):
    """Every page a journey opens is checked with axe-core once the journey is done: the
    same URL, freshly loaded by the same person. No serious or critical violation."""
    visited: list[tuple[str | None, str]] = []

    def note(frame) -> None:
        seen = (signed_in["username"], frame.url.split("#")[0])
        if frame == page.main_frame and frame.url.startswith(live_server.url) and seen not in visited:
            visited.append(seen)

    page.on("framenavigated", note)
    # Leaving with unsaved work asks first (static/js/tandem.js); a journey that leaves means it.
    page.on("dialog", lambda dialog: dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss())
    yield
    page.remove_listener("framenavigated", note)
    found: list[str] = []
    for username in dict.fromkeys(user for user, _ in visited):
        if username is not None:
            page.context.clear_cookies()
            log_in(username)
        for _, url in (entry for entry in visited if entry[0] == username):
            if "/accounts/logout/" not in url and "/accounts/login/" not in url:
                try:
                    loaded = page.goto(url)
                except PlaywrightError:  # the answer to a form's POST, which a GET does not reach
                    continue
                if loaded is not None and loaded.status == 405:
                    continue
                found += axe_violations(page)
    assert found == [], "axe-core found:\n" + "\n".join(found)
