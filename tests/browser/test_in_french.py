"""Journey in French: a coachee who chose French reads Tandem in French whatever her
browser says, and switches back to English from the footer; a coach whose browser asks
for French (Accept-Language: fr-FR) gets the login page, the navigation and the dates in
French without choosing anything."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from coaching.languages import choose_language
from engagements.models import User
from sessions_grow import services as grow
from tests.browser.conftest import PASSWORD
from tests.conftest import activate, open_for
from tests.reminders.conftest import add_action

FRENCH_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def in_french(moment: datetime) -> str:
    """A session's moment as the dashboard writes it in French: "jeu. 3 déc. à 10:00"."""
    local = timezone.localtime(moment)
    return f"{FRENCH_DAYS[local.weekday()]} {local.day} {FRENCH_MONTHS[local.month - 1]} à {local:%H:%M}"


def test_a_coachee_who_chose_french_reads_tandem_in_french_and_switches_back(page, live_server, log_in, screenshots, alice, carol):
    engagement = activate(open_for(alice, carol, title="Leadership"), alice)
    add_action(engagement, alice, title="Write to the sales team", owner=carol, due_on=timezone.localdate() + timedelta(days=3))
    choose_language(user=carol, language="fr", by=carol)

    log_in("carol")  # her browser asks for English: the login page is in English

    expect(page.get_by_role("navigation", name="Principale").get_by_role("link", name="Mon plan")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("footer [aria-current]")).to_have_text("Français")
    screenshots("portal")

    page.get_by_role("link", name="Deux facteurs").click()
    expect(page.get_by_role("heading", name="Connexion à deux facteurs")).to_be_visible()
    expect(page.get_by_role("button", name="Configurer la connexion à deux facteurs")).to_be_visible()
    screenshots("two-factor")
    page.get_by_role("link", name="Mot de passe", exact=True).click()
    expect(page.get_by_role("heading", name="Changer votre mot de passe")).to_be_visible()
    screenshots("password")

    page.get_by_role("link", name="Langue").click()
    expect(page.get_by_role("heading", name="Langue")).to_be_visible()
    expect(page.get_by_label("Français")).to_be_checked()
    screenshots("language-settings")

    page.get_by_role("contentinfo").get_by_role("button", name="English").click()  # in its own words, on a French page

    expect(page.get_by_role("heading", name="Language")).to_be_visible()
    expect(page.get_by_label("English")).to_be_checked()
    expect(page.get_by_role("link", name="My plan")).to_be_visible()
    carol.refresh_from_db()
    assert carol.language == "en"


def test_a_coach_whose_browser_asks_for_french_gets_french_pages_and_dates(page, live_server, screenshots, alice, carol):
    engagement = activate(open_for(alice, carol, title="Leadership"), alice)
    when = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=3), time(10, 0)))
    grow.schedule_session(engagement=engagement, scheduled_at=when, by=alice)
    page.set_extra_http_headers({"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.get_by_role("heading", name="Se connecter à Tandem")).to_be_visible()
    expect(page.get_by_role("link", name="Mot de passe oublié ?")).to_be_visible()
    screenshots("login")
    page.get_by_label("Nom d’utilisateur").fill("alice")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    nav = page.get_by_role("navigation", name="Principale")
    expect(nav.get_by_role("link", name="Tableau de bord")).to_be_visible()
    expect(nav.get_by_role("link", name="Annuaire des coachs")).to_be_visible()
    expect(page.get_by_text(in_french(when))).to_be_visible()
    screenshots("dashboard")
    assert User.objects.get(pk=alice.pk).language == ""  # the browser chose; nothing was saved

    page.set_extra_http_headers({})  # the journey's axe check logs in again, in English
