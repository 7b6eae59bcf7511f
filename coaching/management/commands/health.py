"""`manage.py health [--only beat]`: the /health/ answer on the command line, for container
health checks and operators; exits 1 when a part is unhealthy."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coaching import health


class Command(BaseCommand):
    help = "Check the database, the broker, the beat and the workers; exit 1 if any is unhealthy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", default="", help="comma-separated parts to check (default: all)")

    def handle(self, *args, only: str, **options) -> None:
        try:
            parts = health.parts_named(only)
        except ValueError as error:
            raise CommandError(str(error)) from error
        answer = health.report(health.check(parts))
        self.stdout.write(json.dumps(answer, indent=2))
        if answer["status"] != "ok":
            raise CommandError(f"unhealthy: {', '.join(answer['failing'])}", returncode=1)
