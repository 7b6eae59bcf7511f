"""The refusal every app's services raise when a domain rule says no."""

from __future__ import annotations


class RuleBroken(Exception):
    """A domain rule refused the change; `code` is stable, `detail` is for people."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    @classmethod
    def first_of(cls, rules: list[tuple[str, str]]) -> RuleBroken:
        """One error naming every unmet rule, coded by the first."""
        return cls(rules[0][0], "; ".join(message for _, message in rules))
