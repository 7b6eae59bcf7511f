"""Admins are reminded of coach certifications that expire within 60 days."""

from engagements.models import Reminder
from tests.factories import CertificationFactory
from tests.reminders.conftest import emails_to, html_of, in_days


def test_every_admin_hears_of_a_certification_expiring_within_60_days(clock, scan, ada, alice, bob):
    ada2 = type(ada).objects.create(username="grace", email="grace@example.com", role="admin")
    CertificationFactory(coach=bob.coach, body="ICF", level="PCC", expires_on=in_days(45))
    CertificationFactory(coach=alice.coach, body="ICF", level="MCC", expires_on=in_days(61))

    scan()

    for admin in (ada, ada2):
        (email,) = emails_to(admin)
        assert email.subject == "Tandem: Bob Coach: ICF PCC certification — expires in 45 days (Fri 24 Apr 2026)"
        assert f"http://127.0.0.1:8000/roster/{bob.coach.public_id}/" in html_of(email)
    assert emails_to(bob) == [] and emails_to(alice) == []


def test_a_certification_is_reminded_once(clock, scan, ada, bob):
    CertificationFactory(coach=bob.coach, expires_on=in_days(30))

    scan()
    clock.shift(in_days(1) - in_days(0))
    scan()

    assert len(emails_to(ada)) == 1
    assert Reminder.objects.get().kind == "certification"


def test_an_inactive_coachs_certification_is_not_reminded(clock, scan, ada, bob):
    bob.coach.is_active = False
    bob.coach.save()
    CertificationFactory(coach=bob.coach, expires_on=in_days(30))

    scan()

    assert emails_to(ada) == []
