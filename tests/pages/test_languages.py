"""French and English: the person's own choice, else the browser's, else English; a
language Tandem does not speak falls back to English. Pages, the footer's switcher, the
settings page and the API agree."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone, translation

from coaching.languages import choose_language
from engagements.models import User
from kit.charts import Series, line_chart
from kit.templatetags.tandem import day, moment, money
from tests.conftest import client_for as api_for
from tests.pages.conftest import client_for

FRENCH_LOGIN = "Se connecter à Tandem"
ENGLISH_LOGIN = "Log in to Tandem"


def test_a_browser_asking_for_french_gets_the_login_page_in_french(db):
    response = Client(headers={"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"}).get("/accounts/login/")

    html = response.content.decode()
    assert FRENCH_LOGIN in html and "Mot de passe oublié ?" in html
    assert '<html lang="fr">' in html and response["Content-Language"] == "fr"


@pytest.mark.parametrize("asked", ["de-DE,de;q=0.9", "zz", ""])
def test_a_language_nobody_speaks_falls_back_to_english(db, asked):
    response = Client(headers={"accept-language": asked}).get("/accounts/login/")

    html = response.content.decode()
    assert ENGLISH_LOGIN in html and '<html lang="en">' in html


def test_a_forged_language_cookie_falls_back_to_the_browser_then_english(db):
    client = Client(headers={"accept-language": "de"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert ENGLISH_LOGIN in client.get("/accounts/login/").content.decode()


def test_a_persons_own_choice_outranks_the_browser(carol):
    choose_language(user=carol, language="fr", by=carol)
    client = client_for(carol)

    html = client.get("/my/", headers={"accept-language": "en-GB,en"}).content.decode()

    assert "Mon plan" in html and "Se déconnecter" in html and '<html lang="fr">' in html


def test_without_a_choice_the_browser_decides(alice):
    html = client_for(alice).get("/", headers={"accept-language": "fr-FR"}).content.decode()

    assert "Tableau de bord" in html and "Annuaire des coachs" in html


def test_choosing_french_on_the_settings_page_speaks_french_from_then_on(carol):
    client = client_for(carol)

    response = client.post("/settings/language/", {"language": "fr"}, follow=True)

    html = response.content.decode()
    assert "Langue enregistrée." in html and "Suivre mon navigateur" in html
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"  # the login page after logging out too
    carol.refresh_from_db()
    assert carol.language == "fr"


def test_following_the_browser_again_forgets_the_choice(carol):
    choose_language(user=carol, language="fr", by=carol)
    client = client_for(carol)

    client.post("/settings/language/", {"language": ""})

    carol.refresh_from_db()
    assert carol.language == ""
    assert "My plan" in client.get("/my/", headers={"accept-language": "en"}).content.decode()


def test_a_language_tandem_does_not_speak_is_refused_on_the_settings_page(carol):
    response = client_for(carol).post("/settings/language/", {"language": "de"})

    assert "Select a valid choice" in response.content.decode()
    carol.refresh_from_db()
    assert carol.language == ""


def test_the_database_refuses_a_language_tandem_does_not_speak(carol):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=carol.pk).update(language="de")


def test_nobody_chooses_anothers_language(alice, carol):
    with pytest.raises(PermissionDenied):
        choose_language(user=carol, language="fr", by=alice)


def test_the_footer_switcher_keeps_an_anonymous_choice_in_the_browser(db):
    client = Client()

    response = client.post("/language/", {"language": "fr", "next": "/accounts/login/"})

    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert FRENCH_LOGIN in client.get("/accounts/login/").content.decode()
    client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    assert ENGLISH_LOGIN in client.get("/accounts/login/").content.decode()


def test_the_footer_switcher_saves_a_signed_in_persons_choice(carol):
    client = client_for(carol)

    client.post("/language/", {"language": "fr", "next": "/my/"})

    carol.refresh_from_db()
    assert carol.language == "fr"


def test_the_footer_switcher_goes_nowhere_else_than_tandem(db):
    response = Client().post("/language/", {"language": "fr", "next": "https://elsewhere.example/"})

    assert response["Location"] == "/"


def test_the_footer_switcher_ignores_a_language_tandem_does_not_speak(carol):
    client = client_for(carol)

    client.post("/language/", {"language": "de", "next": "/my/"})

    carol.refresh_from_db()
    assert carol.language == "" and settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_the_api_reads_and_sets_your_language(carol):
    client = api_for(carol)

    assert client.get("/api/v1/language/").json() == {"language": ""}
    assert client.put("/api/v1/language/", {"language": "fr"}, format="json").json() == {"language": "fr"}
    assert client.get("/api/v1/language/").json() == {"language": "fr"}


def test_a_token_speaks_its_owners_language_in_the_api(carol):
    choose_language(user=carol, language="fr", by=carol)

    response = api_for(carol).put("/api/v1/language/", {"language": "en", "mood": "?"}, format="json", headers={"accept-language": "en"})

    assert response.status_code == 400
    assert response.json() == {"mood": ["Champ inconnu."]}
    assert response["Content-Language"] == "fr"


def test_without_a_choice_the_api_follows_the_browser(carol):
    client = api_for(carol)

    assert client.put("/api/v1/language/", {"mood": "?"}, format="json", headers={"accept-language": "fr"}).json()["mood"] == ["Champ inconnu."]
    assert client.put("/api/v1/language/", {"mood": "?"}, format="json", headers={"accept-language": "de"}).json()["mood"] == ["Unknown field."]


def test_dates_and_amounts_are_written_for_the_language():
    this_year = timezone.localdate().year
    other_year = timezone.make_aware(datetime(this_year - 1, 11, 29, 9, 30))

    with translation.override("fr"):
        assert day(date(this_year, 11, 29)) == "29 nov."
        assert day(date(this_year + 1, 3, 14)) == f"14 mars {this_year + 1}"
        assert moment(other_year) == f"{moment(other_year).split()[0]} 29 nov. {this_year - 1} à 09:30"
        assert money(Decimal("3600"), "EUR").replace("\u202f", " ").replace("\xa0", " ") == "3 600,00 €"
    with translation.override("en"):
        assert day(date(this_year, 11, 29)) == "29 Nov"
        assert moment(other_year).endswith(f" 29 Nov {this_year - 1}, 09:30")
        assert money(Decimal("3600"), "EUR") == "€3,600.00"


def test_a_charts_numbers_are_written_for_the_language():
    def chart():
        return line_chart(key="c", title="Hours", description="Hours used", labels=["Start"], series=[Series("Hours used", {"Start": Decimal("2.5")})], top=10)

    with translation.override("fr"):
        assert chart().rows == (("Start", "2,5"),)
    assert chart().rows == (("Start", "2.5"),)
