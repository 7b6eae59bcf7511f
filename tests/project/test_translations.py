"""The French translation is complete: every string the code marks is in the committed
catalog, translated and not fuzzy, and the committed .mo is that catalog compiled.
The strings are collected (makemessages) into a temporary copy of the project: the
committed catalog is never rewritten by the test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

from coaching.management.commands.translations import IGNORED

ROOT = Path(__file__).parents[2]
CATALOG = ROOT / "locale" / "fr" / "LC_MESSAGES"
SOURCES = ["coaching", "engagements", "kit", "mpc", "sessions_grow", "templates", "locale"]

pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext: apt-get install gettext")


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, ignore_obsolete=True) if path.suffix == ".po" else read_mo(file)


def keys(catalog: Catalog) -> set:
    """Each entry as gettext looks it up: its context and its (singular) id; not the header."""
    return {(message.context, message.id if isinstance(message.id, str) else message.id[0]) for message in catalog if message.id}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Catalog:
    """What the code marks today, as makemessages collects it, in a copy of the project."""
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    saved_paths, saved_cwd = settings.LOCALE_PATHS, Path.cwd()
    settings.LOCALE_PATHS = [copy / "locale"]
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["fr"], no_obsolete=True, ignore_patterns=IGNORED, verbosity=0)
    finally:
        os.chdir(saved_cwd)
        settings.LOCALE_PATHS = saved_paths
    return read(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")


@pytest.fixture(scope="module")
def committed() -> Catalog:
    return read(CATALOG / "django.po")


def test_every_string_the_code_marks_is_in_the_french_catalog(collected, committed):
    missing = keys(collected) - keys(committed)

    assert missing == set(), f"not in locale/fr/LC_MESSAGES/django.po (run manage.py translations): {sorted(missing, key=str)}"


def test_the_catalog_holds_no_string_the_code_no_longer_marks(collected, committed):
    stale = keys(committed) - keys(collected)

    assert stale == set(), f"no longer in the code (run manage.py translations): {sorted(stale, key=str)}"


def test_every_entry_is_translated_and_none_is_fuzzy(committed):
    untranslated = [m.id for m in committed if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in committed if m.id and m.fuzzy]

    assert untranslated == [], f"untranslated in locale/fr/LC_MESSAGES/django.po: {untranslated}"
    assert fuzzy == [], f"fuzzy (check the French, then remove the flag): {fuzzy}"


def test_the_committed_mo_is_the_po_compiled(committed):
    compiled = read(CATALOG / "django.mo")

    def entries(catalog: Catalog) -> dict:
        def plain(text):  # a plural's forms come as a list from one reader, a tuple from the other
            return text if isinstance(text, str) else tuple(text)

        return {(m.context, plain(m.id)): plain(m.string) for m in catalog if m.id and not m.fuzzy}

    assert entries(compiled) == entries(committed), (
        "locale/fr/LC_MESSAGES/django.mo differs from the .po: "
        "msgfmt --check -o locale/fr/LC_MESSAGES/django.mo locale/fr/LC_MESSAGES/django.po"
    )
