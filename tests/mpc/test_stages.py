"""Stages 1–7: laid out on start, done in order once complete, reopened with review flags."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from engagements.models import Engagement, EngagementEvent
from engagements.services import RuleBroken, transition_engagement
from mpc import services
from mpc.models import Stage
from tests.conftest import activate, open_for
from tests.mpc.conftest import (
    complete_through,
    fill_mission,
    fill_person_audit,
    fill_project_audit,
    stage,
)

Status = Stage.Status


def test_start_lays_out_seven_stages_not_started(individual):
    stages = list(individual.mpc_stages.values_list("number", "status"))

    assert stages == [(n, Status.NOT_STARTED) for n in range(1, 8)]


def test_starting_mpc_on_an_engagement_under_way_switches_it_to_the_method(alice, carol):
    engagement = activate(open_for(alice, carol, uses_mpc=False), alice)

    services.start_mpc(engagement=engagement, by=alice)

    engagement.refresh_from_db()
    assert engagement.uses_mpc
    assert Stage.objects.filter(engagement=engagement).count() == 7


def test_start_is_refused_once_the_engagement_has_ended(alice, carol):
    engagement = open_for(alice, carol, uses_mpc=True)
    transition_engagement(engagement=engagement, to="declined", by=alice, reason="No fit")

    with pytest.raises(RuleBroken) as refused:
        services.start_mpc(engagement=engagement, by=alice)

    assert refused.value.code == "wrong_state"


def test_start_is_refused_twice(individual, alice):
    with pytest.raises(RuleBroken) as refused:
        services.start_mpc(engagement=individual, by=alice)

    assert refused.value.code == "mpc_started"
    assert individual.mpc_stages.count() == 7


def test_only_the_engagements_coach_starts_mpc(alice, bob, carol):
    engagement = activate(open_for(alice, carol, uses_mpc=True), alice)

    with pytest.raises(PermissionDenied):
        services.start_mpc(engagement=engagement, by=bob)


def test_content_written_before_start_is_refused(alice, carol):
    engagement = activate(open_for(alice, carol, uses_mpc=True), alice)

    with pytest.raises(RuleBroken) as refused:
        fill_mission(engagement, alice)

    assert refused.value.code == "mpc_not_started"


def test_first_content_starts_a_stage_and_is_audited(individual, alice):
    fill_mission(individual, alice)

    assert stage(individual, 3).status == Status.IN_PROGRESS
    assert stage(individual, 3).started_at is not None
    assert EngagementEvent.objects.filter(engagement=individual, action="mpc.mission_defined").exists()


def test_a_stage_cannot_be_done_before_the_one_before_it(individual, alice):
    fill_mission(individual, alice)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 3), by=alice)

    assert refused.value.code == "stage_out_of_order"
    assert "stage 2 (project audit) is done" in refused.value.detail
    assert stage(individual, 3).status == Status.IN_PROGRESS


def test_an_incomplete_stage_says_what_is_missing(individual, alice):
    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 1), by=alice)

    assert refused.value.code == "stage_incomplete"
    assert "knowledge, know-how, behaviour, values, life balance" in refused.value.detail
    assert stage(individual, 1).status == Status.NOT_STARTED


def test_incomplete_project_audit_names_each_missing_list(individual, alice):
    complete_through(individual, alice, 1)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 2), by=alice)

    assert "no customer yet" in refused.value.detail
    assert "no partner yet" in refused.value.detail
    assert "no easing or hindering factor yet" in refused.value.detail


def test_out_of_order_and_incomplete_are_both_named(individual, alice):
    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 4), by=alice)

    assert "before stage 3 (mission) is done" in refused.value.detail
    assert "no goal yet" in refused.value.detail
    assert "no activity flow yet" in refused.value.detail


def test_a_done_stage_cannot_be_done_again(individual, alice):
    complete_through(individual, alice, 1)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 1), by=alice)

    assert refused.value.code == "stage_done"


def test_a_done_stage_refuses_new_content_until_reopened(individual, alice):
    complete_through(individual, alice, 2)

    with pytest.raises(RuleBroken) as refused:
        fill_project_audit(individual, alice)

    assert refused.value.code == "stage_done"
    assert "reopen it" in refused.value.detail
    assert individual.mpc_customers.count() == 1


def test_reopening_keeps_later_stages_but_flags_them_for_review(individual, alice):
    complete_through(individual, alice, 3)

    services.reopen_stage(stage=stage(individual, 1), by=alice)

    assert stage(individual, 1).status == Status.IN_PROGRESS
    assert stage(individual, 1).completed_at is None
    assert [(stage(individual, n).status, stage(individual, n).needs_review) for n in (2, 3, 4)] == [
        (Status.DONE, True),
        (Status.DONE, True),
        (Status.NOT_STARTED, False),
    ]
    assert individual.audit_ratings.count() == 5


def test_a_reopened_stage_takes_content_and_is_done_again(individual, alice):
    complete_through(individual, alice, 2)
    services.reopen_stage(stage=stage(individual, 2), by=alice)

    services.add_partner(engagement=individual, name="Finance", part="Checks the figures", by=alice)
    services.complete_stage(stage=stage(individual, 2), by=alice)

    assert stage(individual, 2).status == Status.DONE


def test_review_is_confirmed_once_the_earlier_stages_are_done_again(individual, alice):
    complete_through(individual, alice, 2)
    services.reopen_stage(stage=stage(individual, 1), by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.confirm_stage_review(stage=stage(individual, 2), by=alice)
    services.complete_stage(stage=stage(individual, 1), by=alice)
    services.confirm_stage_review(stage=stage(individual, 2), by=alice)

    assert refused.value.code == "stage_out_of_order"
    assert not stage(individual, 2).needs_review


def test_only_a_done_stage_reopens(individual, alice):
    with pytest.raises(RuleBroken) as refused:
        services.reopen_stage(stage=stage(individual, 1), by=alice)

    assert refused.value.code == "stage_not_done"


def test_another_coach_cannot_complete_or_reopen(individual, alice, bob):
    complete_through(individual, alice, 1)

    with pytest.raises(PermissionDenied):
        services.reopen_stage(stage=stage(individual, 1), by=bob)
    with pytest.raises(PermissionDenied):
        services.complete_stage(stage=stage(individual, 2), by=bob)


def test_stages_are_frozen_while_the_engagement_is_paused(individual, alice):
    fill_person_audit(individual, alice)
    transition_engagement(engagement=individual, to=Engagement.State.PAUSED, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.complete_stage(stage=stage(individual, 1), by=alice)
    assert refused.value.code == "wrong_state"


def test_the_database_refuses_a_second_row_for_a_stage_number(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(engagement=individual, number=1)


def test_the_database_refuses_a_stage_number_outside_1_to_7(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(engagement=individual, number=8)


def test_the_database_refuses_a_done_stage_without_completion_time(individual):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(engagement=individual, number=1).update(status=Status.DONE)
