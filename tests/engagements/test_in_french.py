"""The engagement speaks French to a person whose browser asks for it (issue 18): the
page's sections, buttons and states, the refusals of its rules, and its messages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from engagements import services
from engagements.models import Engagement


def french_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(user)
    return client


def test_the_engagement_page_reads_in_french(active, alice):
    html = french_client(alice).get(f"/engagements/{active.public_id}/").content.decode()

    for words in ("Étapes suivantes", "Objectifs", "Conditions", "Séances de coaching", "Historique et journal des accès"):
        assert words in html
    assert "Passer au bilan de compétences" in html and "Annuler l&#x27;accompagnement…" in html
    assert "Coaching individuel" in html and "En cours" in html
    assert "ouvert le 5 janvier 2026" in html  # OPENED_ON, its month in words of the language
    assert "A fait avancer l&#x27;accompagnement" in html and "Exploratoire → En cours" in html  # its history
    assert "Next steps" not in html and "Coaching sessions" not in html


def test_a_refused_rule_reads_in_french(exploratory, alice):
    with translation.override("fr"), pytest.raises(services.RuleBroken) as refused:
        services.transition_engagement(engagement=exploratory, to=Engagement.State.ACTIVE, by=alice)

    assert refused.value.code == "no_exploratory"
    assert refused.value.detail.startswith("la séance exploratoire n'est pas encore enregistrée; aucun objectif pour l'instant")
    assert "il manque type de coaching, heures prévues" in refused.value.detail


def test_a_refusal_on_the_page_and_a_done_move_are_told_in_french(exploratory, active, alice):
    client = french_client(alice)

    refused = client.post(f"/engagements/{exploratory.public_id}/transition/", {"to": "active"}, follow=True)
    moved = client.post(f"/engagements/{active.public_id}/transition/", {"to": "assessment"}, follow=True)

    assert "Refusé : La séance exploratoire n&#x27;est pas encore enregistrée" in refused.content.decode()
    assert "L&#x27;accompagnement est passé au bilan de compétences." in moved.content.decode()


def test_a_language_nobody_speaks_falls_back_to_english(active, alice):
    client = Client(HTTP_ACCEPT_LANGUAGE="tlh")
    client.force_login(alice)

    html = client.get(f"/engagements/{active.public_id}/").content.decode()

    assert "Next steps" in html and "Coaching sessions" in html


def test_a_move_the_lifecycle_does_not_allow_names_the_states_in_french(active):
    with translation.override("fr"):
        (rule,) = active.unmet_rules(Engagement.State.CLOSED)

    assert rule == ("transition_not_allowed", "un accompagnement ne peut pas passer de l'état « en cours » à l'état « clôturé »")
