"""The check every rendered page goes through (tests/words.py): it finds codes in what a
person reads and leaves the markup's own names alone."""

from __future__ import annotations

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

from tests.words import RawWordsMiddleware, raw_words


@pytest.mark.parametrize(
    "html, found",
    [
        ("<p>Status: in_progress</p>", ["in_progress"]),
        ('<p>Constraint “certification_expires_after_issue” is violated.</p>', ["Constraint", "certification_expires_after_issue", "violated"]),
        ('<img alt="weak_point">', ["weak_point"]),
        ('<input name="due_on" id="id_due_on" value="x"><label for="id_due_on">Due on</label>', []),
        ("<script>const not_shown = 1;</script><p>Fine words.</p>", []),
    ],
)
def test_codes_in_what_people_read_are_found(html, found):
    assert raw_words(html) == found


def test_a_page_showing_a_code_fails_its_test():
    middleware = RawWordsMiddleware(lambda request: HttpResponse("<p>no_show</p>"))

    with pytest.raises(AssertionError, match="shows codes to people"):
        middleware(RequestFactory().get("/anywhere/"))
