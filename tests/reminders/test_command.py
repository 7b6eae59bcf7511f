"""`manage.py scan_reminders` runs one scan by hand and prints what it sent."""

import pytest
from django.core.management import call_command

from tests.reminders.conftest import add_action, in_days


@pytest.mark.django_db(transaction=True)  # as in real use: each claim commits, then it is sent
def test_the_command_sends_and_prints_what_it_sent(clock, capsys, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    call_command("scan_reminders")
    call_command("scan_reminders")

    out = capsys.readouterr().out.splitlines()
    assert "sent to carol@example.com: Tandem: Book one-to-ones — due tomorrow (Wed 11 Mar 2026) (1 reminder)" in out
    assert "sent to alice@example.com: Tandem: Book one-to-ones — due tomorrow (Wed 11 Mar 2026) (1 reminder)" in out
    assert out.count("2 emails sent; 0 claims had nothing left to send.") == 1
    assert out[-1] == "0 emails sent; 0 claims had nothing left to send."
