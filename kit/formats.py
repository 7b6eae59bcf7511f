"""Dates, times and amounts written for the reader's language (Babel, with the region
kit.languages names: en → en_GB, fr → fr_FR): the template filters of kit/templatetags/tandem.py
and the emails use these."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime
from babel.numbers import UnknownCurrencyError, format_currency
from django.utils import timezone, translation

from kit.languages import babel_locale

# CLDR patterns per language: "14 Mar" / "14 mars", "Mon 14 Mar, 09:30" / "lun. 14 mars à 09:30".
PATTERNS = {
    "en": {
        "day": "d MMM", "day_year": "d MMM y", "moment": "EEE d MMM, HH:mm", "moment_year": "EEE d MMM y, HH:mm",
        "weekday_day": "EEE d MMM y",
    },
    "fr": {
        "day": "d MMM", "day_year": "d MMM y", "moment": "EEE d MMM 'à' HH:mm", "moment_year": "EEE d MMM y 'à' HH:mm",
        "weekday_day": "EEE d MMM y",
    },
}


def _pattern(name: str) -> str:
    return PATTERNS.get(translation.get_language() or "en", PATTERNS["en"])[name]


def day(value: date | datetime | None) -> str:
    """A day as people write it: "14 Mar" ("14 mars"), or "14 Mar 2027" when not this year."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    pattern = _pattern("day" if value.year == timezone.localdate().year else "day_year")
    return format_date(value, pattern, locale=babel_locale())


def weekday_day(value: date) -> str:
    """A day with its weekday and year, as an email names a due date: "Sun 29 Nov 2026" ("dim. 29 nov. 2026")."""
    return format_date(value, _pattern("weekday_day"), locale=babel_locale())


def moment(value: datetime | None) -> str:
    """A day and time: "Mon 14 Mar, 09:30" ("lun. 14 mars à 09:30"), with the year when not this one."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    pattern = _pattern("moment" if local.year == timezone.localdate().year else "moment_year")
    return format_datetime(local, pattern, tzinfo=local.tzinfo, locale=babel_locale())


def money(amount: Decimal | None, currency: str) -> str:
    """An amount written for its currency and the reader's language: "€3,600.00", "3 600,00 €"."""
    if amount is None:
        return ""
    try:
        return format_currency(amount, currency, locale=babel_locale())
    except (UnknownCurrencyError, ValueError):
        return f"{amount} {currency}".strip()
