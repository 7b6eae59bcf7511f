"""Form helpers shared by every app's pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from coaching.models import SubmissionToken
from engagements.services import RuleBroken

T = TypeVar("T")


class OnceForm(forms.Form):
    """A form with a hidden one-time token, so a double submit creates one object."""

    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def once(request: HttpRequest, token: uuid.UUID, act: Callable[[], T]) -> T | None:
    """Run `act` (one service call) unless this token was already used; None if it was.
    The token row and the act share a transaction, so a refused act leaves the token free."""
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, user=request.user)
            return act()
    except IntegrityError:
        if SubmissionToken.objects.filter(token=token).exists():
            return None
        raise


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError beside the fields it names (the rest on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_form(form: forms.Form, act: Callable[[dict], T]) -> tuple[bool, T | None]:
    """Make a valid form's one service call; a service's field errors go beside the
    fields and a refused rule on top. Returns whether the call went through, and its result."""
    if not form.is_valid():
        return False, None
    try:
        result = act(dict(form.cleaned_data))
    except ValidationError as error:
        add_service_errors(form, error)
    except RuleBroken as error:
        form.add_error(None, error.detail)
    else:
        return True, result
    return False, None


def run_once_form(request: HttpRequest, form: forms.Form, act: Callable[..., T]) -> tuple[bool, T | None]:
    """run_form for a form carrying a one-time token: a double submit goes through once
    (the second answers done with no result)."""
    def once_act(data: dict) -> T | None:
        token = data.pop("token")
        return once(request, token, lambda: act(**data))

    return run_form(form, once_act)
