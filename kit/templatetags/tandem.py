"""Template helpers: a form's named fields, and dates, times and amounts in the reader's
language (kit/formats.py): dates show their year only when it is not this one."""

from __future__ import annotations

from django import template

from kit import formats

register = template.Library()


@register.filter
def fields_named(form, names: str) -> list:
    """The bound fields of `form` named in the space-separated `names`, in that order."""
    return [form[name] for name in names.split()]


day = register.filter("day", formats.day)
moment = register.filter("moment", formats.moment)
money = register.filter("money", formats.money)
