"""A coach rewords an objective, or withdraws one stated by mistake; its baseline is
where the client started, so it is fixed once the coaching has started."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from engagements import services
from engagements.models import EngagementEvent, Objective
from kit.versions import version_of
from tests.conftest import client_for, engagement_in
from tests.pages.conftest import client_for as page_client

HTMX = {"HTTP_HX_REQUEST": "true"}


def objective_of(engagement) -> Objective:
    return engagement.objectives.get()


def add_second(engagement, coach) -> Objective:
    return services.add_objective(engagement=engagement, statement="Sleep before midnight", success_measure="5 nights a week", baseline_rating=2, by=coach)


def test_rewording_an_objective_is_recorded_by_field_name_not_content(active, alice):
    objective = objective_of(active)

    services.revise_objective(objective=objective, statement="Delegate all weekly reports", by=alice)

    objective.refresh_from_db()
    assert objective.statement == "Delegate all weekly reports"
    event = EngagementEvent.objects.filter(action="objective.revised").get()
    assert event.subject == "objective 1: statement"


def test_the_baseline_moves_during_the_exploratory_session(exploratory, alice):
    objective = services.add_objective(engagement=exploratory, statement="Speak up", success_measure="One idea a meeting", baseline_rating=2, by=alice)

    services.revise_objective(objective=objective, baseline_rating=4, by=alice)

    objective.refresh_from_db()
    assert objective.baseline_rating == 4


def test_the_baseline_is_fixed_once_coaching_started(active, alice):
    objective = objective_of(active)

    with pytest.raises(services.RuleBroken) as refused:
        services.revise_objective(objective=objective, baseline_rating=9, by=alice)

    assert refused.value.detail == "the baseline is where the client started: it cannot change once the coaching has started"
    objective.refresh_from_db()
    assert objective.baseline_rating == 3


def test_a_closed_engagements_objectives_no_longer_change(alice, carol):
    closed = engagement_in("closed", alice, carol)

    with pytest.raises(services.RuleBroken) as refused:
        services.revise_objective(objective=objective_of(closed), statement="Rewritten", by=alice)

    assert refused.value.detail == "cannot change an objective while the engagement is closed"


def test_withdrawing_an_objective_closes_the_numbering(exploratory, alice):
    first = services.add_objective(engagement=exploratory, statement="One", success_measure="m", baseline_rating=1, by=alice)
    second = add_second(exploratory, alice)

    services.withdraw_objective(objective=first, by=alice)

    second.refresh_from_db()
    assert list(exploratory.objectives.all()) == [second] and second.position == 1


def test_an_engagement_under_way_keeps_one_objective(active, alice):
    with pytest.raises(services.RuleBroken) as refused:
        services.withdraw_objective(objective=objective_of(active), by=alice)

    assert refused.value.code == "last_objective"
    assert active.objectives.count() == 1


def test_another_coach_cannot_correct_an_objective(active, bob):
    with pytest.raises(PermissionDenied):
        services.revise_objective(objective=objective_of(active), statement="Mine now", by=bob)


# --- the page: in place, and a stale edit shows both versions -------------------


def test_the_edit_swaps_the_row_and_keeps_the_rest_of_the_page(active, alice):
    objective = objective_of(active)
    as_alice = page_client(alice)

    form = as_alice.get(f"/objectives/{objective.public_id}/edit/", **HTMX)
    saved = as_alice.post(
        f"/objectives/{objective.public_id}/edit/",
        {"statement": "Delegate every report", "success_measure": "All reports by the team", "version": version_of(objective)},
        **HTMX,
    )

    assert form.status_code == 200 and 'class="editing"' in form.content.decode()
    assert "disabled" in form.content.decode()  # the baseline, fixed once coaching started
    html = saved.content.decode()
    assert saved.status_code == 200 and html.startswith('\n<li id="objective-') and "Delegate every report" in html
    assert "<html" not in html  # only the row comes back


def test_a_stale_edit_shows_both_versions_and_saves_nothing(active, alice):
    objective = objective_of(active)
    read_at = version_of(objective)
    services.revise_objective(objective=objective, statement="Changed by a co-coach", by=alice)

    response = page_client(alice).post(
        f"/objectives/{objective.public_id}/edit/",
        {"statement": "Mine", "success_measure": objective.success_measure, "version": read_at},
        **HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Someone changed this meanwhile" in html and "Changed by a co-coach" in html and 'value="Mine"' in html
    objective.refresh_from_db()
    assert objective.statement == "Changed by a co-coach"


def test_deleting_the_last_objective_on_the_page_says_why_not(active, alice):
    objective = objective_of(active)

    response = page_client(alice).post(f"/objectives/{objective.public_id}/delete/", **HTMX)

    assert "Not deleted: an engagement under way keeps at least one objective" in response.content.decode()
    assert active.objectives.count() == 1


# --- the API ------------------------------------------------------------------------


def test_the_api_corrects_and_withdraws_with_if_match(exploratory, alice):
    objective = add_second(exploratory, alice)
    api = client_for(alice)
    etag = api.get(f"/api/v1/objectives/{objective.public_id}/")["ETag"]

    patched = api.patch(f"/api/v1/objectives/{objective.public_id}/", {"success_measure": "6 nights"}, format="json", HTTP_IF_MATCH=etag)
    stale = api.delete(f"/api/v1/objectives/{objective.public_id}/", HTTP_IF_MATCH=etag)
    deleted = api.delete(f"/api/v1/objectives/{objective.public_id}/", HTTP_IF_MATCH=patched["ETag"])

    assert (patched.status_code, patched.json()["success_measure"]) == (200, "6 nights")
    assert (stale.status_code, deleted.status_code) == (412, 204)
    assert not exploratory.objectives.exists()


def test_the_api_refuses_a_new_baseline_once_coaching_started_with_409(active, alice):
    response = client_for(alice).patch(f"/api/v1/objectives/{objective_of(active).public_id}/", {"baseline_rating": 9}, format="json")

    assert response.status_code == 409 and response.json()["code"] == "baseline_fixed"
