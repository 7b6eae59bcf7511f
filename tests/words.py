"""Words for people: what a page shows never holds a code — a snake_case token (an enum
value, a field name), a constraint's name, "violated". Used by a middleware the suite
installs (tests/conftest.py), so every page and form error any test renders is read."""

from __future__ import annotations

import re
from html.parser import HTMLParser

RAW = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\bConstraint\b|\bviolated\b")
# Pages that are not Tandem's own words: Django's admin and the API's generated docs.
NOT_OURS = ("/admin/", "/api/")


class VisibleText(HTMLParser):
    """The text a person reads: element text and the attributes read aloud, not code."""

    HIDDEN = {"script", "style", "template"}
    READ = ("alt", "title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.skipping += 1
        self.parts.extend(value for name, value in attrs if name in self.READ and value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def raw_words(html: str) -> list[str]:
    """The codes a page shows people, if any."""
    reader = VisibleText()
    reader.feed(html)
    return sorted({match.group(0) for part in reader.parts for match in RAW.finditer(part)})


# A test whose data is code on purpose (hostile input shown escaped) turns the check off.
allowed = {"typed_codes": False}


class RawWordsMiddleware:
    """Fails the request (and so the test) whose page shows a code to a person."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not allowed["typed_codes"]
            and not request.path.startswith(NOT_OURS)
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
            and (found := raw_words(response.content.decode(errors="replace")))
        ):
            raise AssertionError(f"{request.method} {request.path} shows codes to people: {found}")
        return response
