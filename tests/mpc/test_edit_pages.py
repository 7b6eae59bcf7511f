"""Correcting and deleting the rows of the MPC stage pages: in place with htmx (only that
row is swapped), on a page of its own without a script; a stale edit shows both versions and
saves nothing; refusals say why in the user's words; what is out of scope answers 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from engagements.models import ActionItem, Engagement
from kit.versions import version_of
from mpc import services
from mpc.models import ControlIndicator, Customer, Goal, Milestone, Partner, TeamObservation
from mpc.views import EDITORS
from tests.mpc.conftest import FILLERS, complete_through, fill_person_audit, open_goals_rated
from tests.pages.conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def filled(individual, alice) -> Engagement:
    """alice's MPC engagement with carol, stages 1–5 written but none marked done."""
    for number in range(1, 6):
        FILLERS[number](individual, alice)
    return individual


def url(engagement: Engagement, number: int, key: str, record, act: str = "edit") -> str:
    return f"/engagements/{engagement.public_id}/mpc/{number}/{key}/{record.public_id}/{act}/"


def form_data(key: str, record, **values) -> dict:
    """What the edit form posts: its fields (prefixed per row) and the version it was read at."""
    prefix = f"{key}-{record.public_id.hex[:8]}"
    return {f"{prefix}-{name}": value for name, value in {"version": version_of(record), **values}.items()}


def customer_of(engagement: Engagement) -> Customer:
    return Customer.objects.get(engagement=engagement, name="Retail division")


# --- in place, with htmx --------------------------------------------------------


def test_edit_swaps_the_row_for_its_form_and_cancel_puts_it_back(filled, alice):
    customer = customer_of(filled)
    client = client_for(alice)

    form = client.get(url(filled, 2, "customer", customer), **HTMX).content.decode()
    row = client.get(url(filled, 2, "customer", customer) + "?row=1", **HTMX).content.decode()

    assert form.lstrip().startswith('<li class="editing">') and 'value="Retail division"' in form
    assert "<html" not in form
    assert row.lstrip().startswith(f'<li id="customer-{customer.public_id}">')


def test_saving_in_place_answers_with_the_row_alone(filled, alice):
    customer = customer_of(filled)

    response = client_for(alice).post(
        url(filled, 2, "customer", customer), form_data("customer", customer, name="Wholesale", expectations="Daily figures"), **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li id="customer-{customer.public_id}">') and "<html" not in html
    assert "Wholesale" in html and 'role="status">Saved' in html
    customer.refresh_from_db()
    assert (customer.name, customer.expectations) == ("Wholesale", "Daily figures")


def test_a_broken_rule_shows_beside_its_field_and_keeps_what_was_typed(filled, alice):
    milestone = Milestone.objects.get(goal__engagement=filled, title="First 120k quarter")

    response = client_for(alice).post(
        url(filled, 4, "milestone", milestone), form_data("milestone", milestone, title="Later", due_on="2027-03-01"), **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "after its goal’s deadline" in html and 'value="Later"' in html and 'value="2027-03-01"' in html
    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2026, 6, 30)


def test_deleting_in_place_leaves_a_line_saying_so(filled, alice):
    partner = Partner.objects.get(engagement=filled)

    response = client_for(alice).post(url(filled, 2, "partner", partner, "delete"), **HTMX)

    assert response.content.decode() == '<li class="muted gone" role="status">Partner deleted.</li>'
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_a_refused_delete_names_what_depends_on_it_in_place(filled, alice):
    goal = Goal.objects.get(engagement=filled, title="Grow turnover")

    response = client_for(alice).post(url(filled, 4, "goal", goal, "delete"), **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{goal.public_id}">')
    assert "Not deleted: this goal still has the milestone “First 120k quarter” and the activity flow “Weekly reporting”." in html
    assert Goal.objects.filter(pk=goal.pk).exists()


# --- without a script -------------------------------------------------------------


def test_without_a_script_the_edit_opens_on_its_own_page_and_returns_to_the_stage(filled, alice):
    customer = customer_of(filled)
    client = client_for(alice)

    page = client.get(url(filled, 2, "customer", customer))
    saved = client.post(url(filled, 2, "customer", customer), form_data("customer", customer, name="Wholesale", expectations="x"), follow=True)

    assert "<h1>Customer</h1>" in page.content.decode() and "<html" in page.content.decode()
    assert saved.redirect_chain == [(f"/engagements/{filled.public_id}/mpc/2/", 302)]
    assert "Customer: saved." in saved.content.decode()


def test_without_a_script_a_refused_delete_says_why_on_the_stage_page(filled, alice):
    goal = Goal.objects.get(engagement=filled, title="Better team atmosphere")

    response = client_for(alice).post(url(filled, 4, "goal", goal, "delete"), follow=True)

    assert "Not deleted: this goal still has the milestone “Monthly team retro”." in response.content.decode()


def test_a_stale_edit_shows_both_versions_and_saves_nothing(filled, alice):
    customer = customer_of(filled)
    read_at = form_data("customer", customer, name="Retail and online", expectations="Weekly figures")
    services.revise_record(record=customer, name="Retail (north)", by=alice)  # someone else, meanwhile

    response = client_for(alice).post(url(filled, 2, "customer", customer), read_at, **HTMX)

    html = response.content.decode()
    assert response.status_code == 422
    assert "Changed meanwhile" in html
    assert "<td>Retail and online</td><td>Retail (north)</td>" in html
    assert Customer.objects.get(pk=customer.pk).name == "Retail (north)"


def test_saving_again_after_the_comparison_overwrites_knowingly(filled, alice):
    customer = customer_of(filled)
    read_at = form_data("customer", customer, name="Retail and online", expectations="Weekly figures")
    services.revise_record(record=customer, name="Retail (north)", by=alice)
    client = client_for(alice)
    client.post(url(filled, 2, "customer", customer), read_at, **HTMX)

    again = client.post(url(filled, 2, "customer", customer), form_data("customer", Customer.objects.get(pk=customer.pk), name="Retail and online", expectations="Weekly figures"), **HTMX)

    assert again.status_code == 200
    assert Customer.objects.get(pk=customer.pk).name == "Retail and online"


# --- what each stage page offers ------------------------------------------------------


def rows_of(engagement: Engagement) -> list[tuple[int, str, object]]:
    """Every row of the stage pages as (stage, key, record), stages 1–7."""
    found = []
    for key, editor in EDITORS.items():
        rows = editor.model.objects.all()
        for record in rows.filter(**{rows.engagement_path: engagement}, **editor.scope):
            found += [(number, key, record) for number in editor.stages]
    return found


def test_every_row_of_every_stage_opens_its_edit_form(monitored, alice):
    indicator = ControlIndicator.objects.get(item__plan__engagement=monitored)
    services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=date(2026, 4, 1), by=alice,
        indicator_readings=[services.IndicatorValue(indicator=indicator, value=Decimal("9"), unit="complaints")],
    )
    for number in (1, 2, 3, 4, 5, 6):
        services.reopen_stage(stage=monitored.mpc_stages.get(number=number), by=alice)
    client = client_for(alice)
    rows = rows_of(monitored)

    answers = {(number, key): client.get(url(monitored, number, key, record), **HTMX).status_code for number, key, record in rows}

    assert {key for _, key in answers} == set(EDITORS) - {"observation"}
    assert set(answers.values()) == {200}


def test_an_open_stage_offers_edit_and_delete_on_each_row(filled, alice):
    html = client_for(alice).get(f"/engagements/{filled.public_id}/mpc/2/").content.decode()

    for record in [*filled.mpc_customers.all(), *filled.mpc_partners.all(), *filled.mpc_factors.all()]:
        assert f"/{record.public_id}/edit/" in html and f"/{record.public_id}/delete/" in html


def test_a_done_stage_offers_no_edit_and_refuses_one_with_its_reason(individual, alice):
    complete_through(individual, alice, 2)
    customer = customer_of(individual)
    client = client_for(alice)

    page = client.get(f"/engagements/{individual.public_id}/mpc/2/").content.decode()
    refused = client.post(url(individual, 2, "customer", customer), form_data("customer", customer, name="Wholesale", expectations="x"))

    assert "/edit/" not in page
    assert refused.status_code == 422
    assert "Stage 2 (project audit) is done: reopen it to change a customer." in refused.content.decode()


def test_monitoring_reschedules_a_milestone_but_does_not_delete_it(monitored, alice):
    milestone = Milestone.objects.get(goal__engagement=monitored, title="First 120k quarter")
    client = client_for(alice)

    page = client.get(f"/engagements/{monitored.public_id}/mpc/7/").content.decode()
    client.post(url(monitored, 7, "milestone", milestone), form_data("milestone", milestone, title=milestone.title, due_on="2026-08-31"), **HTMX)

    assert f"/{milestone.public_id}/edit/" in page and f"/{milestone.public_id}/delete/" not in page
    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2026, 8, 31)


def test_a_team_observation_is_corrected_from_the_team_audit(team, bob, dave):
    fill_person_audit(team, bob)
    note = TeamObservation.objects.get(engagement=team, member=dave)

    response = client_for(bob).post(
        url(team, 1, "observation", note),
        form_data("observation", note, aspect="initiative", observation="Leads the stand-up", member=dave.public_id, rating=8),
        **HTMX,
    )

    assert response.status_code == 200
    assert TeamObservation.objects.get(pk=note.pk).rating == 8


def test_a_plan_item_is_corrected_and_deleted_from_the_double_action_plan(individual, alice, carol):
    complete_through(individual, alice, 5)
    FILLERS[6](individual, alice)
    hobby = ActionItem.objects.get(plan__engagement=individual, category=ActionItem.Category.HOBBY)
    weak = ActionItem.objects.get(plan__engagement=individual, category=ActionItem.Category.WEAK_POINT)
    client = client_for(alice)

    client.post(
        url(individual, 6, "item", hobby),
        form_data("item", hobby, about="hobby", title="Climbing", owner=carol.public_id, due_on="2026-05-01"),
        **HTMX,
    )
    client.post(url(individual, 6, "item", weak, "delete"), **HTMX)

    assert ActionItem.objects.get(pk=hobby.pk).title == "Climbing"
    assert not ActionItem.objects.filter(pk=weak.pk).exists()


# --- out of scope -----------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["eve", "bob"])
def test_outsiders_get_404_on_edit_and_delete(filled, outsider, request):
    client = client_for(request.getfixturevalue(outsider))
    customer = customer_of(filled)

    answers = {client.get(url(filled, 2, "customer", customer)).status_code, client.post(url(filled, 2, "customer", customer, "delete")).status_code}

    assert answers == {404}
    assert Customer.objects.filter(pk=customer.pk).exists()


def test_the_coachee_may_not_edit_the_stages(filled, carol):
    customer = customer_of(filled)

    response = client_for(carol).post(url(filled, 2, "customer", customer, "delete"))

    assert response.status_code == 403
    assert Customer.objects.filter(pk=customer.pk).exists()


def test_a_row_of_another_engagement_or_of_another_stage_is_unknown_here(filled, alice, bob, dave):
    from tests.conftest import activate, open_for

    other = activate(open_for(alice, dave, uses_mpc=True, title="Other"), alice)
    services.start_mpc(engagement=other, by=alice)
    FILLERS[2](other, alice)
    theirs = customer_of(other)
    ours = customer_of(filled)
    client = client_for(alice)

    answers = [
        client.get(url(filled, 2, "customer", theirs)).status_code,
        client.post(url(filled, 2, "customer", theirs, "delete")).status_code,
        client.get(url(filled, 3, "customer", ours)).status_code,
        client.get(url(filled, 2, "nothing", ours)).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert Customer.objects.filter(pk=theirs.pk).exists()
