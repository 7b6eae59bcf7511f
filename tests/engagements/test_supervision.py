"""Supervisors are assigned by an admin, must be active, and never form a loop."""

import pytest
from django.core.exceptions import PermissionDenied

from engagements import services


@pytest.fixture
def frank(ada, bob):
    """A third coach, supervised by bob (so: alice → bob → frank)."""
    return services.add_coach(
        email="frank@example.com", first_name="Frank", last_name="Coach", by=ada, supervisor=bob.coach
    ).user


def test_admin_assigns_a_supervisor(bob, alice):
    assert bob.coach.supervisor == alice.coach


def test_coach_cannot_supervise_themself(alice, ada):
    with pytest.raises(services.RuleBroken) as refused:
        services.update_coach(coach=alice.coach, supervisor=alice.coach, by=ada)

    assert (refused.value.code, refused.value.detail) == ("own_supervisor", "Alice Coach cannot supervise themself")
    alice.coach.refresh_from_db()
    assert alice.coach.supervisor is None


def test_two_coaches_cannot_supervise_each_other(alice, bob, ada):
    with pytest.raises(services.RuleBroken) as refused:
        services.update_coach(coach=alice.coach, supervisor=bob.coach, by=ada)

    assert refused.value.code == "supervision_loop"
    assert "makes a loop" in refused.value.detail
    alice.coach.refresh_from_db()
    assert alice.coach.supervisor is None


def test_a_longer_supervision_loop_is_refused(alice, frank, ada):
    with pytest.raises(services.RuleBroken) as refused:
        services.update_coach(coach=alice.coach, supervisor=frank.coach, by=ada)

    assert refused.value.code == "supervision_loop"


def test_loop_is_found_from_the_database_not_a_stale_object(alice, bob, ada):
    stale_alice = type(alice.coach).objects.get(pk=alice.coach.pk)
    stale_bob = type(bob.coach).objects.get(pk=bob.coach.pk)

    with pytest.raises(services.RuleBroken):
        services.update_coach(coach=stale_alice, supervisor=stale_bob, by=ada)


def test_inactive_supervisor_is_refused(alice, ada):
    frank = services.add_coach(email="frank@example.com", first_name="Frank", last_name="Coach", by=ada)
    services.update_coach(coach=alice.coach, is_active=False, by=ada)

    with pytest.raises(services.RuleBroken) as refused:
        services.update_coach(coach=frank, supervisor=alice.coach, by=ada)

    assert refused.value.code == "supervisor_inactive"


def test_only_an_admin_assigns_supervisors(alice, bob):
    with pytest.raises(PermissionDenied):
        services.update_coach(coach=bob.coach, supervisor=None, by=alice)
