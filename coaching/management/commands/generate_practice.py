from django.core.management.base import BaseCommand, CommandError

from coaching.generate import PASSWORD, Scale, generate_practice
from engagements.models import User


class Command(BaseCommand):
    help = (
        "Generate a realistic practice at a chosen scale with bulk inserts, deterministic for a seed "
        "(e.g. --coaches 100 --coachees 10000 --milestones 100000). For load and scaling measurements."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--coaches", type=int, default=100)
        parser.add_argument("--coachees", type=int, default=10_000, help="one engagement each; half run MPC")
        parser.add_argument("--milestones", type=int, default=100_000)
        parser.add_argument("--due", type=int, default=None, help="pending milestones due by today + 7 (default: 1 %%)")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, coaches: int, coachees: int, milestones: int, due: int | None, seed: int, **options) -> None:
        if min(coaches, coachees, milestones) < 0 or coaches < 1:
            raise CommandError("Give at least one coach, and no negative count.")
        if milestones and not coachees:
            raise CommandError("Milestones need coachees: they hang on their engagements' goals.")
        if User.objects.exists():
            raise CommandError("The database already holds users: generate into an empty, migrated database.")
        counts = generate_practice(scale=Scale(coaches=coaches, coachees=coachees, milestones=milestones, due=due, seed=seed))
        self.stdout.write(", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items()))
        self.stdout.write(f"Logins: admin, coach0000…, coachee000000… (password {PASSWORD!r}).")
