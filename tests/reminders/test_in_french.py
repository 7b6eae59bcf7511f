"""A reminder email can go out in French: its subject, greeting, sections and due words
(issue 18): the recipient chose French, whatever language the scan runs in."""

from __future__ import annotations

from tests.reminders.conftest import add_action, emails_to, html_of, in_days


def test_a_reminder_reads_in_french(clock, scan, active, alice, carol):
    add_action(active, alice, title="Réserver les entretiens", owner=carol, due_on=in_days(1))

    carol.language = "fr"
    carol.save(update_fields=["language"])
    scan()

    (email,) = emails_to(carol)
    assert email.subject.startswith("Tandem : Réserver les entretiens — échéance demain (")
    assert "mars 2026" in email.subject
    assert email.body.startswith("Bonjour Carol,")
    assert "Échéances proches" in email.body and "Un rappel de Tandem." in email.body
    assert '<html lang="fr">' in html_of(email) and "Vous recevez les rappels" in html_of(email)


def test_a_digest_counts_in_french(clock, scan, active, alice, carol):
    add_action(active, alice, title="Réserver les entretiens", owner=carol, due_on=in_days(1))
    add_action(active, alice, title="Demander un retour", owner=carol, due_on=in_days(-2))

    carol.language = "fr"
    carol.save(update_fields=["language"])
    scan()

    (digest,) = emails_to(carol)
    assert digest.subject == "Tandem : 2 échéances proches (1 en retard)"
    assert "Voici ce qui vous attend dans Tandem." in digest.body
