"""The pages of the desk, the portal and the sponsor's view, and the API's refusals, speak
French to a browser that asks for it, and English otherwise."""

from __future__ import annotations

from django.test import Client

from coaching.tokens import issue_token
from tests.conftest import client_for as api_client_for
from tests.pages.conftest import client_for

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def text_of(response) -> str:
    return response.content.decode()


def test_a_coach_reads_the_dashboard_in_french(alice, active):
    page = text_of(client_for(alice).get("/", **FRENCH))

    assert "Tableau de bord" in page
    assert "Bonjour Alice" in page
    assert "Ouvrir un accompagnement" in page
    assert "Séances des 7 prochains jours" in page
    assert "Heures utilisées / prévues" in page
    assert "Open an engagement" not in page


def test_the_same_dashboard_stays_english_without_french_asked(alice, active):
    page = text_of(client_for(alice).get("/", HTTP_ACCEPT_LANGUAGE="de"))

    assert "Hello Alice" in page and "Open an engagement" in page


def test_a_coachee_reads_her_portal_in_french(carol, active):
    page = text_of(client_for(carol).get("/my/", **FRENCH))

    assert "Mon coaching" in page
    assert "Télécharger mes données (JSON)" in page
    assert "Mes objectifs" in page
    assert "Résumés des séances" in page
    assert "Heures utilisées par rapport aux heures prévues" in page


def test_a_sponsor_contact_reads_what_they_follow_in_french(sam, sponsored):
    home = text_of(client_for(sam).get("/sponsor/", **FRENCH))
    engagement = text_of(client_for(sam).get(f"/sponsor/engagements/{sponsored.public_id}/", **FRENCH))

    assert "Accompagnements que je suis" in home
    assert "Notes et rapport non partagés" in home
    assert "Les personnes coachées n'ont pas consenti" in engagement.replace("&#x27;", "'")
    assert "Conditions" in engagement


def test_an_api_refusal_is_worded_in_french(alice):
    response = api_client_for(alice).post("/api/v1/engagements/", {"title": "Vide"}, format="json", **FRENCH)

    assert response.status_code == 400
    assert response.json() == {"coachees": ["Choisissez un client déjà suivi ou ajoutez-en un nouveau."]}


def test_an_oversized_body_is_refused_in_french(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = Client().post("/api/v1/engagements/", "x" * 2048, content_type="application/json", **FRENCH)

    assert response.status_code == 413
    assert response.json() == {"detail": "Le corps de la requête dépasse 1 Kio."}


def test_a_count_takes_the_french_plural(alice):
    issue_token(user=alice, name="export script")

    page = text_of(client_for(alice).post("/accounts/tokens/revoke-all/", follow=True, **FRENCH))

    assert "1 jeton révoqué." in page
    assert "Vous n'avez aucun jeton d'API." in page
