"""/settings/reminders/: each person chooses digest, immediate or off (and their time zone)."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from engagements import reminders
from engagements.models import User
from tests.pages.conftest import client_for

URL = "/settings/reminders/"


def test_the_page_shows_the_current_choice(carol):
    response = client_for(carol).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="digest"' in html and 'value="immediate"' in html and 'value="off"' in html
    assert re.search(r'value="digest"[^>]*checked', html) and not re.search(r'value="off"[^>]*checked', html)
    assert 'href="/settings/reminders/"' in html  # linked from the top bar
    assert 'css/tandem.css' in html


@pytest.mark.parametrize("mode", ["immediate", "off", "digest"])
def test_a_person_changes_their_reminder_mode(carol, mode):
    response = client_for(carol).post(URL, {"reminder_mode": mode, "time_zone": "Europe/Paris"})

    assert response.status_code == 302 and response.url == URL
    carol.refresh_from_db()
    assert (carol.reminder_mode, carol.time_zone) == (mode, "Europe/Paris")


def test_a_coach_has_the_same_page(alice):
    response = client_for(alice).post(URL, {"reminder_mode": "off", "time_zone": "UTC"}, follow=True)

    assert "Reminder settings saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.reminder_mode == "off"


def test_bad_input_is_refused_beside_the_field(carol):
    response = client_for(carol).post(URL, {"reminder_mode": "hourly", "time_zone": "Mars/Olympus_Mons"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice. hourly" in html and "Select a valid choice. Mars/Olympus_Mons" in html
    carol.refresh_from_db()
    assert (carol.reminder_mode, carol.time_zone) == ("digest", "UTC")


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_no_one_sets_someone_elses_reminders(alice, carol):
    with pytest.raises(PermissionDenied):
        reminders.update_reminder_settings(user=carol, by=alice, reminder_mode="off", time_zone="UTC")

    carol.refresh_from_db()
    assert carol.reminder_mode == User.ReminderMode.DIGEST
