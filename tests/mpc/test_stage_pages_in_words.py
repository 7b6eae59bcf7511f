"""The MPC pages: each add form saves on its own (htmx swaps its block; what the stage
holds and its checklist follow out of band), a refusal shows beside its fields, every
message is a sentence in the user's words, and the overview has one primary action."""

from __future__ import annotations

import re
import uuid
from datetime import date
from html import unescape

import pytest

from mpc import services
from mpc.models import Customer, Milestone
from tests.mpc.conftest import FILLERS, complete_through
from tests.pages.conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}
# What must never reach a person: snake_case codes, enum values, constraint words.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|[Cc]onstraint|violated|\bmpc_")


def visible_text(html: str) -> str:
    """The text a person reads: no tags, attributes, scripts or hidden inputs."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def add(client, engagement, number: int, key: str, **fields):
    data = {f"{key}-{name}": value for name, value in fields.items()} | {f"{key}-token": uuid.uuid4()}
    return client.post(f"/engagements/{engagement.public_id}/mpc/{number}/{key}/", data, **HTMX)


def test_an_add_form_swaps_its_block_and_renews_what_the_stage_holds_out_of_band(individual, alice):
    response = add(client_for(alice), individual, 2, "customer", name="Key accounts", expectations="Answers within a day")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="block-customer"')
    assert '<section class="card" id="held" aria-labelledby="held-h" hx-swap-oob="true">' in html
    assert '<div id="stage-head" hx-swap-oob="true">' in html
    assert "Key accounts" in html and 'role="status">Saved<' in html
    assert 'id="block-partner"' not in html  # the other forms are left as they are


def test_a_goal_added_renews_the_choice_lists_of_the_other_forms(individual, alice):
    complete_through(individual, alice, 3)

    html = add(
        client_for(alice), individual, 4, "goal", title="Fewer complaints", kind="qualitative", deadline="2026-12-01",
        success_sign="Customers thank the team",
    ).content.decode()

    goal_list = re.search(r'<select name="milestone-goal" hx-swap-oob="true".*?</select>', html, flags=re.S)
    assert goal_list and "Fewer complaints" in goal_list.group(0)


def test_a_refused_add_answers_its_block_alone_with_each_reason_beside_its_field(individual, alice):
    response = add(client_for(alice), individual, 2, "customer", name="", expectations="Weekly figures")

    html = response.content.decode()
    assert response.status_code == 422
    assert 'hx-swap-oob' not in html
    assert '<p class="error" id="id_customer-name_error">This field is required.</p>' in html
    assert "Weekly figures</textarea>" in html  # what was typed stays


def test_a_duplicate_name_is_refused_beside_the_name_in_words(individual, alice):
    client = client_for(alice)
    add(client, individual, 2, "customer", name="Key accounts", expectations="x")

    html = add(client, individual, 2, "customer", name="Key accounts", expectations="y").content.decode()

    assert '<p class="error" id="id_customer-name_error">A customer of that name is listed already.</p>' in html
    assert "already exists" not in html and Customer.objects.count() == 1


def test_a_next_goal_on_an_unreached_milestone_is_refused_with_the_rules_words(monitored, alice):
    milestone = Milestone.objects.filter(goal__engagement=monitored).first()

    response = client_for(alice).post(
        f"/engagements/{monitored.public_id}/mpc/monitoring/next-goal/{milestone.public_id}/",
        {f"n{milestone.public_id.hex[:12]}-{name}": value for name, value in
         {"title": "Too early", "kind": "qualitative", "deadline": "2026-12-01", "success_sign": "Calm"}.items()},
        **HTMX,
    )

    assert response.status_code == 422
    assert f"Milestone “{milestone.title}” is not reached yet: the next goal follows a reached one." in response.content.decode()
    assert not monitored.mpc_goals.filter(title="Too early").exists()


def test_the_owner_reads_an_indicator_from_the_portal(monitored, carol):
    indicator = monitored.action_plans.get(kind="project").items.get(category="indicator").mpc_indicator
    prefix = f"i{indicator.public_id.hex[:12]}"

    response = client_for(carol).post(
        f"/my/indicators/{indicator.public_id}/reading/",
        {f"{prefix}-value": "8", f"{prefix}-unit": "complaints", f"{prefix}-read_on": "2026-04-01"}, **HTMX,
    )

    assert response.status_code == 200 and "Latest: <strong>8 complaints</strong>" in response.content.decode()
    assert indicator.readings.get().read_on == date(2026, 4, 1)


def test_the_overview_offers_one_primary_action_the_next_one(individual, alice):
    complete_through(individual, alice, 2)
    FILLERS[3](individual, alice)

    html = client_for(alice).get(f"/engagements/{individual.public_id}/mpc/").content.decode()

    assert html.count('type="submit"') == 1  # the one act (logging out is a plain button)
    assert "Mark stage 3 (mission) done" in html
    assert "No goal yet" in visible_text(html)


@pytest.mark.parametrize("kind", ["individual", "team"])
def test_the_mpc_pages_show_no_raw_codes(kind, request, alice, bob, carol):
    engagement, coach = (request.getfixturevalue("monitored"), alice) if kind == "individual" else (request.getfixturevalue("team"), bob)
    if kind == "team":
        complete_through(engagement, coach, 6)
    services.record_check_in(
        engagement=engagement, held_on=date(2026, 4, 1), by=coach,
        ratings={goal: 5 for goal in engagement.mpc_goals.qualitative().still_open()},
    )
    client = client_for(coach)
    base = f"/engagements/{engagement.public_id}/mpc/"
    pages = [base, *(f"{base}{n}/" for n in range(1, 8)), f"{base}plan/"]
    refused = client.post(f"{base}2/move/", {"to": "done"}, follow=True)  # done already: refused in words

    found = {url: RAW.findall(visible_text(client.get(url).content.decode())) for url in pages}
    found["refused"] = RAW.findall(visible_text(refused.content.decode()))
    found["portal"] = RAW.findall(visible_text(client_for(carol).get("/my/").content.decode()))

    assert {url: codes for url, codes in found.items() if codes} == {}
