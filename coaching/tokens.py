"""API tokens (django-rest-knox): issued after the same verified login as the pages,
stored as a hash, expiring, one per login; listed and revoked by their owner, and all
revoked when the password or the two-factor login changes, or the person is erased."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from coaching.models import ApiToken
from engagements.models import User

# --- services ---------------------------------------------------------------------


@transaction.atomic
def issue_token(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user` (one per login or device); the key is shown this once."""
    token, key = ApiToken.objects.create(user=user, name=name)
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User) -> None:
    """Revoke one token; only its owner may."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("Only a token's owner revokes it."))
    ApiToken.objects.filter(pk=token.pk).delete()


def revoke_all_tokens(*, user: User) -> int:
    """Revoke every token of `user`; returns how many there were."""
    deleted, __ = ApiToken.objects.filter(user=user).delete()
    return deleted


def purge_expired_tokens() -> int:
    """Delete the tokens past their expiry (the scheduler runs it daily); returns how many."""
    deleted, __ = ApiToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted


class RevokeTokensOnPasswordChange:
    """Listed in AUTH_PASSWORD_VALIDATORS for its hook, not as a rule: Django calls
    `password_changed` on every saved password change (page, reset link, admin, shell)."""

    def validate(self, password: str, user: User | None = None) -> None:
        return None

    def password_changed(self, password: str, user: User | None = None) -> None:
        if user is not None and user.pk is not None:
            revoke_all_tokens(user=user)

    def get_help_text(self) -> str:
        return _("Changing your password revokes every API token you hold.")


# --- pages -----------------------------------------------------------------------


@login_required
@require_safe
def token_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's API tokens: name, when issued, until when valid."""
    tokens = ApiToken.objects.visible_to(request.user)
    return render(request, "coaching/tokens.html", {"tokens": tokens})


@login_required
@require_POST
def revoke(request: HttpRequest, public_id) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), public_id=public_id)
    revoke_token(token=token, by=request.user)
    messages.success(request, _("The token is revoked: it no longer opens the API."))
    return redirect("tokens:list")


@login_required
@require_POST
def revoke_all(request: HttpRequest) -> HttpResponse:
    count = revoke_all_tokens(user=request.user)
    messages.success(request, ngettext("%(count)s token revoked.", "%(count)s tokens revoked.", count) % {"count": count})
    return redirect("tokens:list")


app_name = "tokens"
urlpatterns = [
    path("", token_list, name="list"),
    path("<uuid:public_id>/revoke/", revoke, name="revoke"),
    path("revoke-all/", revoke_all, name="revoke_all"),
]
