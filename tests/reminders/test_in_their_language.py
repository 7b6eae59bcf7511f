"""Emails and reminders go out in the recipient's language (their own choice; English
without one), whoever or whatever sends them: the beat's worker, a French coach's request."""

from __future__ import annotations

from django.core import mail
from django.utils import translation

from coaching.languages import choose_language
from coaching.tasks import send_password_reset
from engagements import services
from tests.factories import CertificationFactory
from tests.reminders.conftest import add_action, emails_to, html_of, in_days


def test_a_french_speaking_coachee_is_reminded_in_french_her_english_coach_in_english(clock, scan, active, alice, carol):
    choose_language(user=carol, language="fr", by=carol)
    add_action(active, alice, title="Hand over the sales section", owner=carol, due_on=in_days(1))

    scan()

    (hers,) = emails_to(carol)
    (his,) = emails_to(alice)
    assert "(mer. 11 mars 2026)" in hers.subject  # the due date, written for French
    assert "mer. 11 mars 2026" in hers.body and "mer. 11 mars 2026" in html_of(hers)
    assert "(Wed 11 Mar 2026)" in his.subject and "mars" not in his.body


def test_a_french_speaking_admin_reads_the_certification_reminder_in_french(clock, scan, ada, bob):
    """The certification's own line (its title and where it lives) is French too, not only the dates."""
    choose_language(user=ada, language="fr", by=ada)
    CertificationFactory(coach=bob.coach, body="ICF", level="PCC", expires_on=in_days(45))

    scan()

    (email,) = emails_to(ada)
    assert email.subject.startswith("Tandem : Bob Coach : certification ICF PCC")
    assert "Annuaire des coachs" in email.body and "Coach roster" not in email.body


def test_the_sender_speaks_the_recipients_language_not_its_own(clock, scan, active, alice, carol):
    add_action(active, alice, title="Hand over the sales section", owner=carol, due_on=in_days(1))

    with translation.override("fr"):  # e.g. a worker started under a French locale
        scan()

    assert "(Wed 11 Mar 2026)" in emails_to(carol)[0].subject


def test_a_password_reset_email_is_written_in_its_recipients_language(db, alice):
    choose_language(user=alice, language="fr", by=alice)

    send_password_reset.run(email=alice.email)

    (message,) = mail.outbox
    assert message.subject == "Réinitialisez votre mot de passe Tandem"
    assert "Quelqu’un a demandé à réinitialiser votre mot de passe Tandem" in message.body
    assert "Votre nom d’utilisateur est alice." in message.body


def test_without_a_choice_emails_are_in_english(db, alice):
    send_password_reset.run(email=alice.email)

    (message,) = mail.outbox
    assert message.subject == "Reset your Tandem password"


def test_an_invitation_is_written_for_its_recipient_not_in_the_inviters_language(ada, django_capture_on_commit_callbacks):
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):  # a French-speaking admin's request
        services.invite_coach(email="nina@example.com", first_name="Nina", last_name="New", by=ada)

    (message,) = mail.outbox
    assert message.subject == "Your Tandem invitation"  # a new person has chosen nothing: English
