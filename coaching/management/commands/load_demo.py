from django.core.management.base import BaseCommand

from coaching import demo

LOGINS = [
    ("ada", "admin (practice manager)"),
    ("alice", "coach, supervises bob; runs an MPC engagement"),
    ("bob", "coach"),
    ("chris", "coach; runs an MPC team engagement"),
    ("carol", "coachee of alice (active engagement, actions due soon; reminded at once)"),
    ("dave", "coachee of bob (in skills assessment)"),
    ("kate", "coachee of alice (MPC project)"),
    ("frank", "team member (MPC team coaching)"),
    ("jack", "coachee of alice (closed; approved his report and shares it)"),
    ("nora", "sponsor contact of Northwind: follows carol's and jack's engagements"),
]


class Command(BaseCommand):
    help = "Load the demo practice once (idempotent) and print its logins."

    def handle(self, *args, **options) -> None:
        if demo.is_loaded():
            self.stdout.write("Demo practice already loaded.")
        else:
            demo.seed_demo()
            self.stdout.write(self.style.SUCCESS("Demo practice loaded."))
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, role in LOGINS:
            self.stdout.write(f"  {username:<7} {role}")
        self.stdout.write("")
