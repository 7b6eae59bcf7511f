from django.core.management.base import BaseCommand

from engagements import reminders


class Command(BaseCommand):
    help = "Run one reminder scan now, sending in this process, and print what was sent."

    def handle(self, *args, **options) -> None:
        sent: list[reminders.SentEmail] = []

        def send_now(claim: reminders.Claim) -> None:
            email = reminders.send_reminder_batch(
                recipient_id=claim.recipient_id, reminder_ids=claim.reminder_ids, claim=claim.token
            )
            if email is not None:
                sent.append(email)

        claims = reminders.scan_reminders(dispatch=send_now)
        for email in sent:
            self.stdout.write(f"sent to {email.to}: {email.subject} ({len(email.reminder_ids)} reminder{"s" if len(email.reminder_ids) != 1 else ""})")
        self.stdout.write(f"{len(sent)} emails sent; {len(claims) - len(sent)} claims had nothing left to send.")
