"""Action items: their owner (a coachee) updates them; done means 100 %; progress stays 0–100."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagements import services
from engagements.models import ActionItem
from tests.conftest import open_for
from tests.factories import CoacheeFactory


@pytest.fixture
def carols_item(active, alice, carol) -> ActionItem:
    plan = active.action_plans.get()
    return services.add_action_item(plan=plan, title="Draft the delegation memo", by=alice, owner=carol)


def test_owner_updates_the_progress_of_their_item(carols_item, carol):
    services.update_action_progress(item=carols_item, by=carol, status=ActionItem.Status.IN_PROGRESS, progress=40)

    carols_item.refresh_from_db()
    assert (carols_item.status, carols_item.progress) == (ActionItem.Status.IN_PROGRESS, 40)
    event = carols_item.plan.engagement.events.last()
    assert (event.action, event.actor, event.to_state) == ("action_item.progress", carol, "in_progress")


def test_coach_updates_an_item_owned_by_the_coachee(carols_item, alice):
    services.update_action_progress(item=carols_item, by=alice, progress=20)

    carols_item.refresh_from_db()
    assert carols_item.progress == 20


@pytest.mark.parametrize("person", ["dave", "eve", "bob", "ada"])
def test_others_may_not_update_carols_item(carols_item, request, person):
    with pytest.raises(PermissionDenied):
        services.update_action_progress(item=carols_item, by=request.getfixturevalue(person), progress=90)

    carols_item.refresh_from_db()
    assert carols_item.progress == 0


def test_a_team_member_may_not_update_another_members_item(alice, carol):
    teammate = CoacheeFactory(user__username="tom").user
    team = open_for(alice, carol, teammate, title="Team offsite")
    item = services.add_action_item(plan=team.action_plans.get(), title="Book the venue", by=alice, owner=carol)

    with pytest.raises(PermissionDenied):
        services.update_action_progress(item=item, by=teammate, status=ActionItem.Status.DONE)

    item.refresh_from_db()
    assert item.status == ActionItem.Status.TODO


def test_done_means_progress_100(carols_item, carol):
    services.update_action_progress(item=carols_item, by=carol, status=ActionItem.Status.DONE, progress=30)

    carols_item.refresh_from_db()
    assert (carols_item.status, carols_item.progress) == (ActionItem.Status.DONE, 100)
    assert carols_item.completed_at is not None


def test_progress_100_marks_the_item_done(carols_item, carol):
    services.update_action_progress(item=carols_item, by=carol, progress=100)

    carols_item.refresh_from_db()
    assert carols_item.status == ActionItem.Status.DONE
    assert carols_item.completed_at is not None


def test_reopening_a_done_item_clears_its_completion(carols_item, carol):
    services.update_action_progress(item=carols_item, by=carol, status=ActionItem.Status.DONE)

    services.update_action_progress(item=carols_item, by=carol, status=ActionItem.Status.IN_PROGRESS, progress=80)

    carols_item.refresh_from_db()
    assert (carols_item.status, carols_item.progress, carols_item.completed_at) == ("in_progress", 80, None)


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_100_is_refused(carols_item, carol, progress):
    with pytest.raises(ValidationError):
        services.update_action_progress(item=carols_item, by=carol, progress=progress)

    carols_item.refresh_from_db()
    assert carols_item.progress == 0


def test_unknown_status_is_refused(carols_item, carol):
    with pytest.raises(ValidationError):
        services.update_action_progress(item=carols_item, by=carol, status="forgotten")


def test_database_refuses_progress_above_100(carols_item):
    with pytest.raises(IntegrityError, match="action_item_progress_0_100"), transaction.atomic():
        ActionItem.objects.filter(pk=carols_item.pk).update(progress=101)


def test_database_refuses_done_below_100(carols_item):
    with pytest.raises(IntegrityError, match="action_item_done_is_100"), transaction.atomic():
        ActionItem.objects.filter(pk=carols_item.pk).update(status=ActionItem.Status.DONE, progress=60)


def test_owner_must_take_part_in_the_engagement(active, alice, dave):
    with pytest.raises(ValidationError) as refused:
        services.add_action_item(plan=active.action_plans.get(), title="Not his", by=alice, owner=dave)

    assert "owner" in refused.value.message_dict
    assert not ActionItem.objects.exists()
