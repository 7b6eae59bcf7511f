"""The language Tandem speaks to a person: their own choice, else their browser's
(Django's LocaleMiddleware: the language cookie, then Accept-Language), else English.
A language Tandem does not speak is never chosen: it falls back to English."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def spoken(code: str | None) -> str | None:
    """`code` as a language Tandem speaks ("fr-CA" → "fr"), or None when it speaks none like it."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


# The region each language is written for: its dates, numbers and currencies (Babel).
REGIONS = {"en": "en_GB", "fr": "fr_FR"}


def babel_locale(language: str | None = None) -> str:
    """The Babel locale of `language` (the active one by default): "fr" → "fr_FR"."""
    language = spoken(language or translation.get_language()) or settings.LANGUAGE_CODE
    return REGIONS.get(language, translation.to_locale(language))


def language_of(person: Any) -> str:
    """The language to write to `person` in when no browser is there to ask (emails,
    reminders): their own choice, else the practice's default (English)."""
    return spoken(getattr(person, "language", "")) or settings.LANGUAGE_CODE


def speaking_to(person: Any) -> translation.override:
    """Render inside this (`with speaking_to(user): …`, or as a decorator) to write to
    `person` in their language: emails and reminders go out in the recipient's language."""
    return translation.override(language_of(person))


def each_in_their_language(people: Iterable[Any]) -> Iterator[Any]:
    """`people` one by one, each in their own language while the loop body runs:
    `for person in each_in_their_language(recipients): send_mail(…)`."""
    for person in people:
        with speaking_to(person):
            yield person


def grouped_by_language(people: Iterable[Any]) -> dict[str, list[Any]]:
    """`people` by the language to write to them in, for one email per language."""
    groups: dict[str, list[Any]] = {}
    for person in people:
        groups.setdefault(language_of(person), []).append(person)
    return groups


def activate_for(request: HttpRequest, user: Any) -> None:
    """Speak `user`'s chosen language for the rest of this request, if they chose one;
    otherwise what LocaleMiddleware found from the browser stays."""
    if chosen := spoken(getattr(user, "language", "")):
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen


class PreferredLanguageMiddleware:
    """After authentication: a signed-in person's own choice of language outranks the
    browser's. (API calls with a token are authenticated later, inside DRF: the token
    authentication class calls `activate_for` itself.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_for(request, user)
        return self.get_response(request)
