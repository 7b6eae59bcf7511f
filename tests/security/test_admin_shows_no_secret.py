"""Django admin lists login secrets (API tokens, authenticator apps, recovery codes) so
they can be revoked, and shows none of their values, to anyone."""

from __future__ import annotations

from base64 import b32encode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaching.models import ApiToken
from coaching.tokens import issue_token
from tests.factories import UserFactory
from tests.security.conftest import turn_on_two_factor


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True, role="admin")


@pytest.fixture
def secrets(alice) -> dict:
    two_factor = turn_on_two_factor(alice)  # revokes earlier tokens: issue after
    token, key = issue_token(user=alice, name="alice's script")
    return {
        "token": token,
        "values": [
            key,
            key[:15],  # knox's lookup prefix is part of the key too
            token.digest,
            two_factor.device.key,
            b32encode(two_factor.device.bin_key).decode(),
            *two_factor.recovery_codes,
        ],
    }


def admin_pages(model, obj) -> list[str]:
    opts = model._meta
    return [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]),
    ]


def test_no_admin_page_shows_a_token_key_a_totp_secret_or_a_recovery_code(superuser, alice, secrets):
    browser = Client()
    browser.force_login(superuser)
    objects = [
        (ApiToken, secrets["token"]),
        (TOTPDevice, TOTPDevice.objects.get(user=alice)),
        (StaticDevice, StaticDevice.objects.get(user=alice)),
    ]
    urls = [url for model, obj in objects for url in admin_pages(model, obj)]
    urls += [f"{url}?q=alice" for url in urls if url.endswith("/admin/coaching/apitoken/")]

    pages = {url: browser.get(url) for url in urls}

    assert {url: page.status_code for url, page in pages.items()} == dict.fromkeys(urls, 200)
    shown = [(url, value) for url, page in pages.items() for value in secrets["values"] if value in page.content.decode()]
    assert shown == []


@pytest.mark.parametrize("model", [ApiToken, TOTPDevice, StaticDevice])
def test_admin_cannot_add_or_edit_a_secret(superuser, model):
    browser = Client()
    browser.force_login(superuser)
    opts = model._meta

    response = browser.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    assert response.status_code == 403


def test_admin_revokes_a_token(superuser, alice, secrets):
    browser = Client()
    browser.force_login(superuser)
    token = secrets["token"]

    response = browser.post(reverse("admin:coaching_apitoken_delete", args=[token.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_the_totp_qr_code_views_are_gone(superuser, alice, secrets):
    browser = Client()
    browser.force_login(superuser)
    device = TOTPDevice.objects.get(user=alice)

    for suffix in ("config", "qrcode"):
        response = browser.get(f"/admin/otp_totp/totpdevice/{device.pk}/{suffix}/")
        assert secrets["values"][3] not in response.content.decode()
        assert response.status_code in (302, 404)
