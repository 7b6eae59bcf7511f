"""The language a person reads Tandem in: their own choice (their settings page, the
footer's switcher, the API), else their browser's, else English (kit/languages.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from engagements.models import User
from kit.forms import add_service_errors
from kit.languages import spoken

# --- the service -------------------------------------------------------------------


@transaction.atomic
def choose_language(*, user: User, language: str, by: User) -> User:
    """Set the language Tandem speaks to `user` ("" follows their browser); their own only."""
    if by.pk != user.pk:
        raise PermissionDenied(_("People choose their own language."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["language"])
    return user


# --- pages -------------------------------------------------------------------------


def language_choices() -> list[tuple[str, str]]:
    # Each language in its own words: a reader who cannot read the page still finds theirs.
    return [("", gettext_lazy("Follow my browser")), *settings.LANGUAGES]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=language_choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Pages and the emails Tandem sends you use it."),
    )


def remembered(response: HttpResponse, language: str) -> HttpResponse:
    """The browser remembers the choice too: the login page speaks it after logging out."""
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@login_required
def language_settings(request: HttpRequest) -> HttpResponse:
    """A person's own language: English, French, or whatever their browser asks for."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            user = choose_language(user=request.user, language=form.cleaned_data["language"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            with translation.override(spoken(user.language) or translation.get_language_from_request(request)):
                messages.success(request, _("Language saved."))
            return remembered(redirect("language_settings"), user.language)
    return render(request, "registration/language.html", {"form": form})


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The footer's switcher, for anyone: a signed-in person's choice is saved as their
    language; anyone else's is kept by their browser (a cookie)."""
    language = spoken(request.POST.get("language", ""))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("dashboard")
    if language is None:
        return HttpResponseRedirect(next_url)  # nothing Tandem speaks: the page stays as it was
    if request.user.is_authenticated:
        choose_language(user=request.user, language=language, by=request.user)
    return remembered(HttpResponseRedirect(next_url), language)
