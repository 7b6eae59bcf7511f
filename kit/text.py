"""Text rules every interface shares: a one-line field holds no control character."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

# C0 and C1 controls (line breaks, tabs, bell, escape…) and the Unicode line and paragraph
# separators: none belongs in a title or a name, and a line break in one breaks the email
# headers and the one-line displays it ends up in.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SINGLE_LINE_MESSAGE = gettext_lazy("Write this on one line, without control characters (line breaks, tabs…).")


def single_line(value: str) -> None:
    """Refuse (ValidationError) a one-line text that holds a control character."""
    if isinstance(value, str) and CONTROL.search(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_character")


def one_line(text: str) -> str:
    """`text` with each run of control characters turned into a space (for text already stored)."""
    return CONTROL.sub(" ", text)
