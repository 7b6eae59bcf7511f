"""The third-party pages we serve work under our Content-Security-Policy: the Swagger UI
(its init script runs by nonce) and the Django admin. The autouse fixture in conftest.py
fails the test on any violation the browser reports."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_swagger_ui_renders_the_api(page, live_server, log_in, screenshots, alice):
    log_in("alice")

    page.goto(f"{live_server.url}/api/docs/")

    expect(page.get_by_role("heading", name="Tandem API")).to_be_visible()
    # A tag heading: Swagger UI draws the operations as a virtual list (no tag sections)
    # once there are many of them, as there are since the MPC monitoring operations.
    expect(page.locator(".opblock-tag").first).to_be_visible()
    screenshots("swagger")


def test_the_django_admin_works(page, live_server, log_in, admin_user):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Users").first.click()

    expect(page.get_by_role("heading", name="Select user to change")).to_be_visible()
    page.get_by_role("link", name="admin", exact=True).click()
    expect(page.get_by_role("heading", name="Change user")).to_be_visible()
