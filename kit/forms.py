"""Form helpers shared by every app's pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import renderers
from django.forms.renderers import BaseRenderer
from django.http import HttpRequest
from django.template import TemplateDoesNotExist

from kit.errors import RuleBroken
from kit.models import SubmissionToken
from kit.text import single_line
from kit.versions import StaleEdit, unchanged_since, version_of

T = TypeVar("T")


class PlainNumberInput(forms.NumberInput):
    """A number as a person writes it: 20 hours, not 20.00 (a stored decimal keeps its places)."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            value = format(value.normalize(), "f")  # normalize alone would write 100 as 1E+2
        return super().format_value(value)


class Form(forms.Form):
    """A page's form: its one-line text inputs (every CharField not drawn as a Textarea)
    refuse control characters, as the API's do; its decimals show no trailing zeros."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                field.validators.append(single_line)
            elif isinstance(field, forms.DecimalField) and type(field.widget) is forms.NumberInput:
                field.widget = PlainNumberInput(attrs=field.widget.attrs)


class OnceForm(Form):
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
        form.add_error(None, sentence(error.detail))
    else:
        return True, result
    return False, None


def error_text(form: forms.Form) -> str:
    """A form's errors as one line, for a message where the form itself is not shown."""
    return " ".join(message for messages in form.errors.values() for message in messages)


def sentence(text: str) -> str:
    """A refusal's detail as a sentence: capital first, full stop last."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def run_once_form(request: HttpRequest, form: forms.Form, act: Callable[..., T]) -> tuple[bool, T | None]:
    """run_form for a form carrying a one-time token: a double submit goes through once
    (the second answers done with no result)."""
    def once_act(data: dict) -> T | None:
        token = data.pop("token")
        return once(request, token, lambda: act(**data))

    return run_form(form, once_act)


class VersionedForm(Form):
    """An edit form that carries the version of the row it was read at, so a save over
    someone else's change is refused and both versions are shown instead."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    conflict: list[tuple[str, object, object]] = []

    @classmethod
    def of(cls, obj, data=None, **kwargs):
        """The form for `obj`, its fields starting from what `obj` holds now."""
        initial = {name: getattr(obj, name) for name in cls.base_fields if name != "version" and hasattr(obj, name)}
        initial |= kwargs.pop("initial", {})
        return cls(data, initial=initial | {"version": version_of(obj)}, **kwargs)

    def show_conflict(self, current, typed: dict) -> None:
        """Rows of (label, what you typed, what is saved now) for each field that differs;
        the version moves on, so saving again knowingly overwrites."""
        self.conflict = [
            (self.fields[name].label or name.replace("_", " ").capitalize(), shown(self.fields[name], value), shown(self.fields[name], getattr(current, name)))
            for name, value in typed.items()
            if hasattr(current, name) and value != getattr(current, name)
        ]
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = version_of(current)


def shown(field: forms.Field, value) -> str:
    """A value as a person reads it: a choice's label, an object's name, a dash for nothing."""
    if value in (None, ""):
        return "—"
    choices = dict(getattr(field, "choices", None) or ()) if not isinstance(field, forms.ModelChoiceField) else {}
    return str(choices.get(value, value))


def run_edit_form(form: VersionedForm, obj, act: Callable[[dict], T]) -> tuple[bool, T | None]:
    """run_form for an edit of `obj`: the act runs only if `obj` is still at the version the
    form was read at (a row lock holds it until the act is done); otherwise both versions
    are shown and nothing is saved."""
    def guarded(data: dict) -> T:
        version = data.pop("version", None)
        try:
            with unchanged_since(obj, version):
                return act(data)
        except StaleEdit as stale:
            form.show_conflict(stale.current, data)
            raise

    return run_form(form, guarded)


class FormRenderer(BaseRenderer):
    """Django's own form and widget templates, rendered by their Jinja2 twins (Django ships
    both, with the same markup): a select or an input costs about a tenth of the Django
    template's time, and a page of thirty row forms spends most of its time there. A
    template only the Django engine has (the admin's widgets) comes from that engine.
    A field of our pages is drawn by kit/jinja2/kit/field.html (label, field, errors, help)."""

    field_template_name = "kit/field.html"

    @cached_property
    def jinja2(self) -> renderers.Jinja2:
        return renderers.Jinja2()

    @cached_property
    def django(self) -> renderers.DjangoTemplates:
        return renderers.DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
