"""Words and dates for people (issue 13): buttons name the act, messages are sentences,
dates show their year only when it is not this one, amounts read in their currency, the
time-zone picker offers places, and refusals come on styled pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from engagements import services
from engagements.reminders import available_time_zones, time_zone_choices
from kit.templatetags.tandem import day, moment, money
from sessions_grow import services as grow
from tests.conftest import engagement_in, open_for, prepare_activation
from tests.pages.conftest import client_for


def test_a_date_of_this_year_leaves_the_year_out_another_keeps_it():
    this_year = timezone.localdate().year

    assert day(date(this_year, 3, 14)) == "14 Mar"
    assert day(date(this_year + 1, 3, 14)) == f"14 Mar {this_year + 1}"
    assert moment(timezone.make_aware(datetime(this_year - 1, 3, 14, 9, 30))).endswith(f" 14 Mar {this_year - 1}, 09:30")


# English is written for en_GB (kit/languages.py): a yen reads "JP¥", apart from the yuan's "CN¥".
@pytest.mark.parametrize("amount, currency, shown", [(Decimal("3600"), "EUR", "€3,600.00"), (Decimal("1200.5"), "GBP", "£1,200.50"), (Decimal("900"), "JPY", "JP¥900")])
def test_an_amount_reads_in_its_currency(amount, currency, shown):
    assert money(amount, currency).replace("\xa0", " ") == shown


def test_the_time_zone_picker_offers_places_common_ones_first():
    groups = time_zone_choices()
    offered = [zone for _, options in groups for zone, _ in options]

    assert groups[0][0] == "Common" and ("Europe/Paris", "Paris") in groups[0][1]
    assert "Factory" not in offered and "localtime" not in offered and "US/Eastern" not in offered
    assert ("America/Argentina/Buenos_Aires", "Buenos Aires (Argentina)") in dict(groups)["America"]
    assert set(offered) == set(available_time_zones())


def test_a_zone_that_is_not_a_place_is_refused_in_words(carol):
    response = client_for(carol).post("/settings/reminders/", {"reminder_mode": "digest", "time_zone": "Factory"})

    assert "Select a valid choice" in response.content.decode()
    carol.refresh_from_db()
    assert carol.time_zone == "UTC"


def test_the_buttons_name_the_act_from_where_it_starts(alice, carol):
    assessment = engagement_in("assessment", alice, carol)

    html = client_for(alice).get(f"/engagements/{assessment.public_id}/").content.decode()

    assert "Back to coaching sessions" in html and "Start the coaching" not in html
    assert "Close the engagement…" in html and "Cancel the engagement…" in html


def test_a_move_is_told_in_a_sentence(active, alice):
    response = client_for(alice).post(f"/engagements/{active.public_id}/transition/", {"to": "assessment"}, follow=True)

    assert "The engagement moved to its skills assessment." in response.content.decode()


def test_the_budget_reads_in_its_currency_on_the_engagement_page(active, alice):
    assert "€3,600.00" in client_for(alice).get(f"/engagements/{active.public_id}/").content.decode()


def test_the_terms_form_shows_numbers_as_typed_not_with_trailing_zeros(alice, carol):
    """12 hours and a budget of 3600 come back as 12 and 3600 (stored as 12.00 and 3600.00)."""
    engagement = prepare_activation(open_for(alice, carol), alice)

    html = client_for(alice).get(f"/engagements/{engagement.public_id}/exploratory/").content.decode()

    assert 'name="planned_hours" value="12"' in html and 'name="budget_amount" value="3600"' in html


def test_a_refusal_comes_on_a_styled_page_with_the_navigation(active, carol):
    response = client_for(carol).get(f"/engagements/{active.public_id}/exploratory/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "This is not yours to do" in html and "Only this engagement" in html and 'aria-label="Main"' in html


def test_an_unknown_page_comes_on_a_styled_page(alice):
    response = client_for(alice).get("/engagements/00000000-0000-4000-8000-000000000000/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_session_is_held_on_its_own_day_never_ahead(active, alice):
    ahead = grow.schedule_session(engagement=active, scheduled_at=timezone.now() + timedelta(days=2), by=alice)
    yesterday = grow.schedule_session(engagement=active, scheduled_at=timezone.now() - timedelta(days=1), by=alice)

    with pytest.raises(services.RuleBroken) as too_early:
        grow.hold_session(session=ahead, duration_minutes=60, by=alice)
    with pytest.raises(Exception) as other_day:
        grow.hold_session(session=yesterday, duration_minutes=60, held_at=timezone.now(), by=alice)
    held = grow.hold_session(session=yesterday, duration_minutes=60, by=alice)

    assert too_early.value.code == "session_not_yet"
    assert "reschedule it first" in str(other_day.value)
    assert held.held_at == yesterday.scheduled_at


def test_a_constraint_speaks_in_words_not_its_name(active, alice):
    from engagements.models import Certification

    certification = Certification(coach=alice.coach, body="ICF", level="ACC", issued_on=date(2026, 5, 1), expires_on=date(2026, 1, 1))

    with pytest.raises(Exception) as refused:
        certification.full_clean()

    assert "A certification expires after the day it was issued." in str(refused.value)
    assert "violated" not in str(refused.value)
