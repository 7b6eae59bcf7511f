"""Helpers for the security tests: two-factor login set up through its services."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaching import two_factor
from engagements.models import User

PASSWORD = "correct horse battery"  # tests/factories.py


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` periods later: a code already
    used cannot be replayed, and the device accepts one period of drift)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=device.digits, drift=device.drift):0{device.digits}d}"


@dataclass
class TwoFactor:
    device: TOTPDevice
    recovery_codes: list[str]

    def next_code(self) -> str:
        """A code the device will still accept after the confirming one."""
        self.device.refresh_from_db()
        return code_for(self.device, steps_ahead=1)


def turn_on_two_factor(user: User) -> TwoFactor:
    device = two_factor.start_totp_setup(user=user)
    codes = two_factor.confirm_totp_setup(user=user, code=code_for(device))
    device.refresh_from_db()
    return TwoFactor(device=device, recovery_codes=codes)


@pytest.fixture
def alice_2fa(alice) -> TwoFactor:
    return turn_on_two_factor(alice)


def log_in_with_password(client, username: str, **extra):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD, **extra})
