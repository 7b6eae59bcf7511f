"""No cache keeps a private answer: every response to a signed-in person, every API
answer and every export says `Cache-Control: no-store`."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import client_for as api_client
from tests.pages.conftest import client_for as browser_for


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def carol_browser(carol) -> Client:
    return browser_for(carol)


@pytest.fixture
def alice_browser(alice) -> Client:
    return browser_for(alice)


def test_the_coachs_pages_are_not_stored(held, alice_browser):
    pages = ["/", f"/engagements/{held.engagement.public_id}/", f"/sessions/{held.public_id}/", "/accounts/tokens/"]

    answers = {page: alice_browser.get(page) for page in pages}

    assert {page: (r.status_code, no_store(r)) for page, r in answers.items()} == dict.fromkeys(pages, (200, True))


def test_the_portal_and_the_export_are_not_stored(held, carol_browser):
    portal = carol_browser.get("/my/")
    export = carol_browser.get("/my/export/")

    assert portal.status_code == 200 and no_store(portal)
    assert export.status_code == 200 and no_store(export)


def test_api_answers_are_not_stored(held, alice, carol):
    engagement = api_client(alice).get(f"/api/v1/engagements/{held.engagement.public_id}/")
    export = api_client(carol).get(f"/api/v1/privacy/coachees/{carol.coachee.public_id}/export/")
    refused = api_client(None).get("/api/v1/engagements/")

    assert [r.status_code for r in (engagement, export, refused)] == [200, 200, 401]
    assert all(no_store(r) for r in (engagement, export, refused))


def test_a_redirect_for_a_signed_in_person_is_not_stored_either(carol_browser):
    response = carol_browser.get("/")  # a coachee is sent to the portal

    assert response.status_code == 302 and no_store(response)
