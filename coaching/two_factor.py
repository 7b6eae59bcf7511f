"""Two-factor login: an authenticator app (TOTP) with ten one-time recovery codes
(django-otp), the second login step, the gate that holds every page until it is
passed, and the page a locked-out login gets (django-axes)."""

from __future__ import annotations

import re
from base64 import b32encode
from functools import cache
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import serializers

from coaching.tokens import revoke_all_tokens
from engagements.models import User
from kit.api import StrictSerializer

RECOVERY_CODE_COUNT = 10
SESSION_CODES_KEY = "two_factor_new_recovery_codes"
WRONG_CODE = gettext_lazy("That code is not right: check your app's current code, or use an unused recovery code.")


# --- predicates ----------------------------------------------------------------


def has_two_factor(user: User) -> bool:
    """Whether the user has a confirmed authenticator app (recovery codes come with it)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required_of(user: User) -> bool:
    """Whether the practice requires two-factor login of this user (admins and coaches)."""
    staff = user.role in (User.Role.ADMIN, User.Role.COACH) or user.is_staff or user.is_superuser
    return settings.TANDEM_REQUIRE_2FA_FOR_STAFF and staff


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def _device_for(user: User, code: str) -> Device | None:
    # Six digits are the app's code, anything else a recovery code: trying both devices
    # would count a failure against the one not meant, and throttle it for nothing.
    model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    return model.objects.filter(user=user, confirmed=True).first()


def _throttle_message(extra: dict | None) -> str:
    if extra and extra.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        count = extra["failure_count"]
        return ngettext(
            "Verification temporarily disabled because of %(count)s failed attempt, please try again soon.",
            "Verification temporarily disabled because of %(count)s failed attempts, please try again soon.",
            count,
        ) % {"count": count}
    return _("Verification of the code is currently disabled.")


class CodeRefused(ValidationError):
    """A wrong code (as opposed to a throttled device): it counts as a failed login."""


# --- services ------------------------------------------------------------------


def check_code(*, device: Device, code: str) -> Device:
    """Verify `code` on `device` under django-otp's throttling; ValidationError if refused."""
    # Its own transaction, committed even when the code is wrong: the throttle's
    # failure count must stick, so no caller may wrap this in a rolled-back block.
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, extra = device.verify_is_allowed()
        accepted = allowed and device.verify_token(code)
    if not allowed:
        raise ValidationError(_throttle_message(extra), code="throttled")
    if not accepted:
        raise CodeRefused(WRONG_CODE, code="wrong")
    return device


def verify_second_factor(*, user: User, code: str) -> Device:
    """The device that accepts `code` (app code or recovery code, which is then used up)."""
    code = _clean(code)
    device = _device_for(user, code)
    if device is None:
        raise CodeRefused(WRONG_CODE, code="wrong")
    return check_code(device=device, code=code)


@transaction.atomic
def start_totp_setup(*, user: User) -> TOTPDevice:
    """A pending (unconfirmed) authenticator for the user: a new secret to scan."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def confirm_totp_setup(*, user: User, code: str) -> list[str]:
    """Turn two-factor login on with a code from the pending app; returns the recovery codes."""
    device = pending_device(user)
    if device is None:
        raise ValidationError(_("Start the setup again: there is no app waiting for confirmation."))
    check_code(device=device, code=_clean(code))
    return _enable_two_factor(user=user, device=device)


@transaction.atomic
def _enable_two_factor(*, user: User, device: TOTPDevice) -> list[str]:
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # A token issued on the password alone must not outlive the switch to two factors.
    revoke_all_tokens(user=user)
    return _issue_recovery_codes(user=user)


def _issue_recovery_codes(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def renew_recovery_codes(*, user: User, code: str) -> list[str]:
    """Replace the recovery codes with ten new ones, after a current code."""
    verify_second_factor(user=user, code=code)
    with transaction.atomic():
        return _issue_recovery_codes(user=user)


def disable_two_factor(*, user: User, code: str) -> None:
    """Turn two-factor login off (app and recovery codes), after a current code."""
    if is_required_of(user):
        raise ValidationError(_("The practice requires two-factor login of admins and coaches."))
    verify_second_factor(user=user, code=code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        revoke_all_tokens(user=user)


# --- pages -----------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The 6 digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off"}),
    )


class AppCodeForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=10,
        help_text=gettext_lazy("The 6 digits the app shows for Tandem."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _qr_svg(device: TOTPDevice) -> str:
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, dark="#1d2330", svgclass="qr", title=_("QR code for your authenticator app"))


def _secret(device: TOTPDevice) -> str:
    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _home(request: HttpRequest, *, status: int = 200, **forms_) -> HttpResponse:
    user = request.user
    context: dict = {"enabled": has_two_factor(user), "required": is_required_of(user), **forms_}
    if context["enabled"]:
        static = StaticDevice.objects.filter(user=user).first()
        context["codes_left"] = static.token_set.count() if static else 0
        context.setdefault("disable_form", CodeForm(prefix="off"))
        context.setdefault("renew_form", CodeForm(prefix="renew"))
    elif device := pending_device(user):
        context.update(pending=device, qr=_qr_svg(device), secret=_secret(device))
        context.setdefault("confirm_form", AppCodeForm())
    return render(request, "two_factor/home.html", context, status=status)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Two-factor status; setting up an app (QR code, secret, confirming code); turning it off."""
    return _home(request)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    start_totp_setup(user=request.user)
    return redirect("two_factor:home")


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    form = AppCodeForm(request.POST)
    if form.is_valid():
        try:
            codes = confirm_totp_setup(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, TOTPDevice.objects.get(user=request.user, confirmed=True))
            return _show_codes_once(request, codes, _("Two-factor login is on."))
    return _home(request, confirm_form=form, status=400)


@login_required
@require_POST
def renew_codes(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST, prefix="renew")
    if form.is_valid():
        try:
            codes = renew_recovery_codes(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return _show_codes_once(request, codes, _("New recovery codes issued; the old ones no longer work."))
    return _home(request, renew_form=form, status=400)


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST, prefix="off")
    if form.is_valid():
        try:
            disable_two_factor(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("Two-factor login is off."))
            return redirect("two_factor:home")
    return _home(request, disable_form=form, status=400)


def _show_codes_once(request: HttpRequest, codes: list[str], message: str) -> HttpResponse:
    # Through the session and a redirect, so a reload shows nothing and re-posts nothing.
    request.session[SESSION_CODES_KEY] = codes
    messages.success(request, message)
    return redirect("two_factor:recovery_codes")


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes just issued, shown this once."""
    codes = request.session.pop(SESSION_CODES_KEY, None)
    if not codes:
        return redirect("two_factor:home")
    response = render(request, "two_factor/recovery_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second login step: a code from the app or a recovery code."""
    user = request.user
    if user.is_verified() or not has_two_factor(user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
    if request.method == "POST" and form.is_valid():
        if not AxesProxyHandler.is_allowed(request, credentials):
            logout(request)
            return locked_out(request)
        try:
            device = verify_second_factor(user=user, code=form.cleaned_data["code"])
        except CodeRefused as error:
            form.add_error("code", error)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return locked_out(request)
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    status = 400 if form.is_bound else 200
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)}, status=status)


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None) -> HttpResponse:
    """Axes' answer once a username and address failed too often: the login page, saying so."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "Too many failed attempts: logging in as this user from your address is blocked for %(minutes)s minute.",
        "Too many failed attempts: logging in as this user from your address is blocked for %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    context = {"form": AuthenticationForm(request), "locked_out": message, "next": ""}
    return render(request, "registration/login.html", context, status=429)


app_name = "two_factor"
urlpatterns = [
    path("", home, name="home"),
    path("setup/", start, name="start"),
    path("setup/confirm/", confirm, name="confirm"),
    path("recovery-codes/", recovery_codes, name="recovery_codes"),
    path("recovery-codes/new/", renew_codes, name="renew_codes"),
    path("off/", disable, name="disable"),
    path("verify/", verify, name="verify"),
]


# --- the gate --------------------------------------------------------------------


@cache
def _prefixes() -> tuple[tuple[str, ...], str, str]:
    always_open = (settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
                   reverse("logout"), reverse("health"), reverse("switch_language"))
    return always_open, reverse("two_factor:verify"), reverse("two_factor:home")


class TwoFactorGateMiddleware:
    """Holds every page until a user with two-factor login has passed the second step;
    when the practice requires it, sends admins and coaches without it to set it up."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            always_open, verify_url, home_url = _prefixes()
            path_ = request.path_info
            if not path_.startswith(always_open):
                if has_two_factor(user):
                    if path_ != verify_url:
                        return self._send(request, verify_url, _("Two-factor verification required."))
                elif is_required_of(user) and not path_.startswith(home_url):
                    return self._send(request, home_url, _("Set up two-factor login first."))
        return self.get_response(request)

    @staticmethod
    def _send(request: HttpRequest, url: str, reason: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": reason}, status=403)
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


# --- the API token -----------------------------------------------------------------


class TwoFactorAuthTokenSerializer(StrictSerializer):
    """Username and password, plus `otp` (an app or recovery code) when the user has 2FA on."""

    username = serializers.CharField(label=gettext_lazy("Username"), write_only=True, max_length=150)
    # No length limit: a password is not one-line text, and may hold any character.
    password = serializers.CharField(label=gettext_lazy("Password"), style={"input_type": "password"}, trim_whitespace=False, write_only=True)
    otp = serializers.CharField(
        label=gettext_lazy("One-time code"), required=False, write_only=True, trim_whitespace=True, max_length=20,
        help_text="Required when the user has two-factor login on: the app's current code or a recovery code.",
    )
    name = serializers.CharField(
        required=False, write_only=True, max_length=60, allow_blank=True, default="",
        help_text="What the token is for (e.g. the script's name), to tell your tokens apart.",
    )

    def validate(self, attrs: dict) -> dict:
        user = authenticate(request=self.context.get("request"), username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Unable to log in with provided credentials."), code="authorization")
        if is_required_of(user) and not has_two_factor(user):
            # The pages would send this user to set up two-factor login first; so does the API.
            raise PermissionDenied(_("The practice requires two-factor login of admins and coaches: set it up first."))
        if has_two_factor(user):
            if not attrs.get("otp"):
                raise serializers.ValidationError(
                    {"otp": [_("This user has two-factor login on: give the app's current code in `otp`.")]}
                )
            try:
                verify_second_factor(user=user, code=attrs["otp"])
            except ValidationError as error:
                raise serializers.ValidationError({"otp": error.messages}) from error
        return {"user": user, "name": attrs.get("name", "")}
