"""Request parsing for the API, kept apart from kit.api: DRF imports its parsers while
it is still loading its own views."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Tandem's deepest body is a check-in: an object holding lists of objects (depth 3).
# Anything far deeper is hostile, and Python's parser would recurse until it crashed.
MAX_JSON_DEPTH = 20


def depth_of(data) -> int:
    """How deeply lists and objects nest in `data` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if depth <= MAX_JSON_DEPTH:
                stack.extend((child, depth) for child in (value.values() if isinstance(value, dict) else value))
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing (400) a body nested deeper than MAX_JSON_DEPTH."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - nested deeper than %(levels)s levels.") % {"levels": MAX_JSON_DEPTH}) from None
        if depth_of(data) > MAX_JSON_DEPTH:
            raise ParseError(_("JSON parse error - nested deeper than %(levels)s levels.") % {"levels": MAX_JSON_DEPTH})
        return data
