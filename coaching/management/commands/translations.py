"""Collect the strings to translate into locale/fr and compile the catalog (docs/translations.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# What holds no string of Tandem's own: installed packages, tools, generated and test files.
IGNORED = [".venv/*", ".tools/*", "var/*", "staticfiles/*", "node_modules/*", "tests/*", "docs/*", "bench/*"]


def collect(*, verbosity: int = 0) -> None:
    """Update every language's catalog from the code (dropping what the code no longer says)."""
    languages = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    call_command(
        "makemessages", locale=languages, no_obsolete=True, ignore_patterns=IGNORED, verbosity=verbosity
    )


class Command(BaseCommand):
    help = "Collect the strings to translate (makemessages) into locale/, then compile the catalogs."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-compile", action="store_true", help="Only collect: translate before compiling.")

    def handle(self, *args, no_compile: bool = False, verbosity: int = 1, **options) -> None:
        collect(verbosity=verbosity)
        if not no_compile:
            call_command("compilemessages", ignore_patterns=IGNORED, verbosity=verbosity)
        self.stdout.write("Untranslated or fuzzy entries fail tests/project/test_translations.py: fill them in locale/fr/LC_MESSAGES/django.po.")
