"""What every signed-in request costs before its view: kept to the user's row.

- The second factor: django-otp reads the verified device on every request. Here a session
  that passed the second step remembers the device together with the person's
  `two_factor_stamp`, which every save or delete of one of their devices bumps (signals
  below, in the device's own transaction). Same device, same stamp: nothing about the
  devices changed since the check, so its answer stands without a query; any change, and
  the device is read again (and the session forgets it if it no longer holds).
- The idle timeout: the session is renewed when it was last renewed over a minute ago (or
  changed), instead of written on every request; a session still ends within its idle
  time of the last request, never later.
"""

from __future__ import annotations

import time

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from engagements.models import User

STAMP_SESSION_KEY = "two_factor_checked"
RENEWED_SESSION_KEY = "renewed_at"
RENEW_EVERY_SECONDS = 60


class RememberedDevice(SimpleLazyObject):
    """The verified device, read only if a view asks about it (is_verified does not)."""


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, without a device query while the person's devices are unchanged."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if not user.is_authenticated:
            return user
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if not persistent_id:
            return user
        checked = f"{user.pk}:{user.two_factor_stamp}:{persistent_id}"
        if request.session.get(STAMP_SESSION_KEY) == checked:
            user.otp_device = RememberedDevice(lambda: self._device_from_persistent_id(persistent_id))
            return user
        device = self._finalize_device(request, user, self._device_from_persistent_id(persistent_id))
        user.otp_device = device
        if device is not None:
            request.session[STAMP_SESSION_KEY] = checked
        else:
            request.session.pop(STAMP_SESSION_KEY, None)
        return user


def _bump(user_id: int | None) -> None:
    if user_id is not None:
        User.objects.filter(pk=user_id).update(two_factor_stamp=F("two_factor_stamp") + 1)


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
@receiver(post_save, sender=StaticDevice)
@receiver(post_delete, sender=StaticDevice)
def devices_changed(sender, instance: Device, **kwargs) -> None:
    """Any change to a person's device makes their sessions check it again."""
    _bump(instance.user_id)


@receiver(post_delete, sender=StaticToken)
def recovery_code_used(sender, instance: StaticToken, **kwargs) -> None:
    """A recovery code used up changes what the person's recovery device holds."""
    _bump(StaticDevice.objects.filter(pk=instance.device_id).values_list("user_id", flat=True).first())


class SessionRenewalMiddleware:
    """Renews a signed-in session's idle timeout at most once a minute (after SessionMiddleware)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.modified and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED_SESSION_KEY, 0) >= RENEW_EVERY_SECONDS:
                session[RENEWED_SESSION_KEY] = now  # modified: SessionMiddleware saves it
        return response
