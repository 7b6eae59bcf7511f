"""The MPC pages speak French to a browser that asks for it: the stages by their French
names, what each stage needs, and a refusal in the coach's words."""

from __future__ import annotations

import pytest
from django.utils import translation

from engagements.services import RuleBroken
from mpc import services
from tests.mpc.conftest import stage
from tests.mpc.test_stage_pages_in_words import visible_text
from tests.pages.conftest import client_for

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture(autouse=True)
def english_again():
    """LocaleMiddleware leaves the browser's language active in the test process: the
    tests after these read English again."""
    yield
    translation.deactivate()


def test_a_stage_page_reads_in_french(individual, alice):
    response = client_for(alice).get(f"/engagements/{individual.public_id}/mpc/1/", **FRENCH)

    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Audit de la personne" in text
    assert "Ce dont cette étape a besoin" in text
    assert "Chaque domaine noté pour la personne et tel que le projet l'exige" in text
    assert "Noter un domaine de la personne" in text
    assert "Audit du projet" in text and "Double plan d'action" in text and "Suivi" in text


def test_the_overview_names_the_next_stage_in_french(individual, alice):
    response = client_for(alice).get(f"/engagements/{individual.public_id}/mpc/", **FRENCH)

    text = visible_text(response.content.decode())
    assert "Management par le coaching professionnel" in text
    assert "Ensuite : étape 1 · Audit de la personne" in text
    assert "Pas commencée" in text


def test_a_stage_marked_done_out_of_order_is_refused_in_french(individual, alice):
    response = client_for(alice).post(
        f"/engagements/{individual.public_id}/mpc/2/move/", {"to": "done"}, follow=True, **FRENCH
    )

    text = visible_text(response.content.decode())
    assert (
        "Refusé : l'étape 2 (audit du projet) ne peut pas être terminée avant que l'étape 1 (audit de la personne) le soit"
        in text
    )


def test_the_same_refusal_reads_in_english_without_a_french_browser(individual, alice):
    response = client_for(alice).post(f"/engagements/{individual.public_id}/mpc/2/move/", {"to": "done"}, follow=True)

    assert "Refused: stage 2 (project audit) cannot be done before stage 1 (person audit) is done" in visible_text(
        response.content.decode()
    )


def test_a_service_refusal_says_what_is_missing_in_french(individual, alice):
    with translation.override("fr"), pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 1), by=alice)

    assert refused.value.code == "stage_incomplete"
    assert refused.value.detail.startswith("l'étape 1 (audit de la personne) est incomplète : pas encore de note pour : savoirs")
