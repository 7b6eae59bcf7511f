"""API authentication, kept apart from kit.api: DRF imports its authentication
classes while it is still loading its own views."""

from __future__ import annotations

import binascii
from hmac import compare_digest

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox import auth
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions

from kit.languages import activate_for


class TokenAuthentication(auth.TokenAuthentication):
    """knox's hashed, expiring tokens, read with the user's roster entry in one query:
    every coach's request needs it to decide what they may see. (knox's own check reads
    all the user's other tokens too; the daily purge removes expired ones instead.)"""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is not None:
            # DRF authenticates inside the view, after the middleware spoke the browser's
            # language: the token's owner gets their own from here on.
            activate_for(request._request, found[0])
        return found

    def authenticate_credentials(self, token: bytes):
        invalid = exceptions.AuthenticationFailed(_("Invalid token."))
        try:
            key = token.decode("utf-8")
            digest = hash_token(key)
        except (UnicodeDecodeError, TypeError, ValueError, binascii.Error):
            raise invalid from None
        candidates = get_token_model().objects.select_related("user__coach").filter(
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH]
        )
        for auth_token in candidates:
            if not compare_digest(digest, auth_token.digest):
                continue
            if auth_token.expiry is not None and auth_token.expiry < timezone.now():
                auth_token.delete()
                raise invalid
            if knox_settings.AUTO_REFRESH and auth_token.expiry is not None:
                self.renew_token(auth_token)
            return self.validate_user(auth_token)
        raise invalid


class TokenScheme(OpenApiAuthenticationExtension):
    """The contract names the token scheme as before: `Authorization: Token <key>`."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
