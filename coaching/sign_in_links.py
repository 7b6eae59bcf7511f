"""Sign-in links: a client or a sponsor contact asks for a link by email instead of typing
a password (django-sesame signs it). A link works once, for TANDEM_SIGN_IN_LINK_MINUTES;
asking for one says nothing about whether the address is known, and is rate-limited per
client address and per email address. A link opens a session like a password does: a
person with two-factor login on still passes the code step (TwoFactorGateMiddleware).
Coaches and admins keep their password: their email says so."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta, tzinfo
from urllib.parse import urlencode
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import dateformat, timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe
from sesame import packers
from sesame.tokens import create_token, parse_token

from coaching import limits
from engagements.models import User
from kit.forms import Form
from kit.languages import spoken
from kit.network import client_ip

logger = logging.getLogger(__name__)

# A person signs in a few times a week; a script tries thousands of addresses.
LINKS_PER_ADDRESS = 10  # requests an hour from one client address
LINKS_PER_ACCOUNT = 3  # requests an hour for one email address
LINKS_WINDOW = timedelta(hours=1)
# The backend a link's session is kept under (axes' backend only watches password logins).
BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLES_WITH_LINKS = (User.Role.COACHEE, User.Role.SPONSOR)


def too_many() -> str:
    return _("Too many sign-in link requests: try again in an hour.")


def answer() -> str:
    """What anyone asking for a link is told, whoever has the address."""
    return _(
        "If that address belongs to a client or a sponsor contact of the practice, a sign-in link is on its way; "
        "it works once, within %(lifetime)s."
    ) % {"lifetime": lifetime()}


def lifetime() -> str:
    """How long a link works, in words: "15 minutes"."""
    minutes = settings.TANDEM_SIGN_IN_LINK_MINUTES
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


# --- predicates -------------------------------------------------------------------


def can_sign_in_by_link(user: User) -> bool:
    """Whether `user` may sign in with a link: an active client or sponsor contact. Admins
    and coaches hold every client's file: they keep their password (and second factor)."""
    return (
        user.is_active
        and user.role in ROLES_WITH_LINKS
        and not (user.is_staff or user.is_superuser or user.is_practice_admin)
    )


# --- services ---------------------------------------------------------------------


def sign_in_link(user: User, *, next_page: str = "") -> str:
    """The absolute, signed link that signs `user` in once, within the lifetime, and then
    opens `next_page` (a page of Tandem's, as the login form's `next`) or their own."""
    link = settings.SITE_URL.rstrip("/") + reverse("sign_in:link", kwargs={"token": create_token(user)})
    return f"{link}?{urlencode({'next': next_page})}" if (next_page := local_page(next_page)) else link


def local_page(value: str | None) -> str:
    """`value` if it is a path of this site (what a login form's `next` may name), else ""."""
    value = (value or "").strip()
    if len(value) <= 500 and value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return value
    return ""


def ask_for_sign_in_link(*, email: str, client_address: str | None, next_page: str = "") -> bool:
    """Queue the sign-in email for `email` once the request commits, whether or not anyone
    has that address; False (nothing queued) past either rate limit."""
    from coaching.tasks import (
        send_sign_in_link as task,  # coaching.tasks imports this module
    )

    allowed = limits.allow(
        scope="sign-in-address", key=client_address or "", limit=LINKS_PER_ADDRESS, window=LINKS_WINDOW
    ) and limits.allow(scope="sign-in-account", key=email, limit=LINKS_PER_ACCOUNT, window=LINKS_WINDOW)
    if allowed:
        language = translation.get_language() or settings.LANGUAGE_CODE
        next_page = local_page(next_page)
        transaction.on_commit(lambda: task.delay(email=email, language=language, next_page=next_page))
    return allowed


def send_sign_in_link(*, email: str, language: str = "", next_page: str = "") -> None:
    """Email the person with this address (the worker's part): a client or sponsor contact
    gets a link; an admin or coach, a reminder to log in with their password; nobody
    else, anything."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    # Their own choice of language first, else the page's that asked.
    with translation.override(spoken(user.language) or language or settings.LANGUAGE_CODE):
        if can_sign_in_by_link(user):
            _send_link(user, next_page=next_page)
        elif user.has_usable_password():
            _send_use_your_password(user)


def _send_link(user: User, *, next_page: str = "") -> None:
    expires_at = timezone.localtime(timezone.now() + settings.SESAME_MAX_AGE, timezone=_zone(user))
    context = {
        "user": user, "link": sign_in_link(user, next_page=next_page), "lifetime": lifetime(),
        "until": dateformat.format(expires_at, "H:i"), "time_zone": expires_at.tzname(),
    }
    send_mail(_("Your link to sign in to Tandem"), _body("emails/sign_in_link.txt", context), None, [user.email])
    logger.info("sign-in link sent to user %s", user.pk)


def _send_use_your_password(user: User) -> None:
    site = settings.SITE_URL.rstrip("/")
    context = {"user": user, "login_url": site + reverse("login"), "reset_url": site + reverse("password_reset")}
    send_mail(_("Signing in to Tandem"), _body("emails/sign_in_with_password.txt", context), None, [user.email])


def _body(template: str, context: dict) -> str:
    return render_to_string(template, context).strip() + "\n"


def _zone(user: User) -> tzinfo:
    try:
        return ZoneInfo(user.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def _link_user(public_id: UUID, *, for_update: bool = False) -> User | None:
    people = User.objects.select_for_update() if for_update else User.objects
    user = people.filter(public_id=public_id).first()
    return user if user is not None and can_sign_in_by_link(user) else None


def user_of_link(token: str) -> User | None:
    """Whose link this is, if it still works (expired, used, altered or for someone who may
    no longer sign in: None). It stays unused."""
    return parse_token(token, _link_user)


@transaction.atomic
def use_sign_in_link(*, token: str) -> User | None:
    """The person a working link signs in, the link then used up; None if it does not work.
    The row lock makes two clicks on one link sign in once."""
    user = parse_token(token, lambda public_id: _link_user(public_id, for_update=True))
    if user is not None:
        # The token's signature covers the last login: changing it revokes the link.
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        logger.info("sign-in link used by user %s", user.pk)
    return user


def ask_again(*, token: str, client_address: str | None, next_page: str = "") -> bool:
    """Ask for a new link for whoever an old (expired, used) link was sent to, without
    typing the address; same answer whoever that is. False past a rate limit."""
    user = _named_in(token)
    email = user.email if user is not None and can_sign_in_by_link(user) else ""
    if not email:
        # Count the request all the same: the answer and the limits are the same either way.
        return limits.allow(scope="sign-in-address", key=client_address or "", limit=LINKS_PER_ADDRESS, window=LINKS_WINDOW)
    return ask_for_sign_in_link(email=email, client_address=client_address, next_page=next_page)


def _named_in(token: str) -> User | None:
    """The person a token names, whether or not its signature still holds. Tokens name
    people by their random public id, so a made-up token names nobody."""
    try:
        data = base64.urlsafe_b64decode(token.encode() + b"=" * (-len(token) % 4))
        public_id, _rest = packers.packer.unpack_pk(data)
    except (ValueError, TypeError):
        return None
    return User.objects.filter(public_id=public_id).first()


# --- pages ------------------------------------------------------------------------


class SignInLinkForm(Form):
    email = forms.EmailField(
        label=gettext_lazy("Email"), max_length=254,
        help_text=gettext_lazy("The address Tandem knows you by."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    # As the login page does: someone already signed in goes to their desk.
    return redirect(settings.LOGIN_REDIRECT_URL) if request.user.is_authenticated else None


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """"Email me a sign-in link": the address, then the same answer for any address."""
    if answer := _signed_in(request):
        return answer
    form = SignInLinkForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            asked = ask_for_sign_in_link(
                email=form.cleaned_data["email"], client_address=client_ip(request), next_page=request.POST.get("next", "")
            )
            if asked:
                return redirect("sign_in:sent")
            form.add_error(None, too_many())
            status = 429
    next_page = local_page(request.POST.get("next") if request.method == "POST" else request.GET.get("next"))
    context = {"form": form, "lifetime": lifetime(), "next": next_page}
    return render(request, "registration/sign_in_link_form.html", context, status=status)


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    """What the person does next: open the email."""
    return render(request, "registration/sign_in_link_sent.html", {"answer": answer()})


@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email. Opening it shows a button: the link is used only when the
    person presses it, so a mail scanner that fetches links does not use it up. A link that
    no longer works says why in a sentence and offers a new one. The link's `next` (the page
    the person was asked to sign in for) is where they land; the form posts back to the link."""
    if answer := _signed_in(request):
        return answer
    if request.method == "POST" and request.POST.get("again"):
        if ask_again(token=token, client_address=client_ip(request), next_page=request.GET.get("next", "")):
            return redirect("sign_in:sent")
        return _refused(request, token, error=too_many(), status=429)
    if request.method == "GET":
        user = user_of_link(token)
        if user is None:
            return _refused(request, token)
        return render(request, "registration/sign_in_link.html", {"person": user, "token": token})
    user = use_sign_in_link(token=token)
    if user is None:
        return _refused(request, token, status=400)
    login(request, user, backend=BACKEND)  # a person with two-factor login is then held at the code step
    return redirect(local_page(request.GET.get("next")) or settings.LOGIN_REDIRECT_URL)


def _refused(request: HttpRequest, token: str, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {"token": token, "lifetime": lifetime(), "error": error, "next": local_page(request.GET.get("next"))}
    return render(request, "registration/sign_in_link_refused.html", context, status=status)


app_name = "sign_in"
urlpatterns = [
    path("", ask, name="ask"),
    path("sent/", sent, name="sent"),
    path("<str:token>/", link, name="link"),
]
