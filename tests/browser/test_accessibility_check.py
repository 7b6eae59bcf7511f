"""The accessibility check every journey runs (tests/browser/conftest.py) finds what a
screen-reader user would be stopped by, and our pages pass it."""

from __future__ import annotations

from tests.browser.conftest import axe_violations


def test_the_check_finds_an_image_without_words(page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Hi</h1><img src="x.png"></main></body></html>')

    assert any("image-alt (critical)" in found for found in axe_violations(page))


def test_the_login_page_passes(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")

    assert axe_violations(page) == []
