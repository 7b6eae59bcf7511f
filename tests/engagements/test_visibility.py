"""Who sees which engagement, objective, action item and coach: the one gate."""

import pytest
from django.contrib.auth.models import AnonymousUser

from engagements import services
from engagements.models import ActionItem, Coach, Engagement, Objective
from tests.conftest import open_for
from tests.factories import CoachFactory

CAST = ["ada", "alice", "bob", "carol", "dave", "eve", "sam", "anonymous"]

# alice's "Leadership" with carol; bob's "Career move" with dave; alice supervises bob.
SEES_ENGAGEMENTS = {
    "ada": {"Leadership", "Career move"},
    "alice": {"Leadership"},  # supervising bob gives her nothing of his clients
    "bob": {"Career move"},
    "carol": {"Leadership"},
    "dave": {"Career move"},
    "eve": set(),
    "sam": set(),  # a sponsor contact reads engagements only through sponsored_for (test_sponsor_visibility)
    "anonymous": set(),
}


@pytest.fixture
def two_engagements(active, bobs, alice, bob):
    for engagement, coach, title in [(active, alice, "Leadership item"), (bobs, bob, "Career move item")]:
        services.add_action_item(plan=engagement.action_plans.get(), title=title, by=coach)
    return active, bobs  # each has the one objective `activate` gave it


def person(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize("name", CAST)
def test_engagements_visible_to_each_role(two_engagements, request, name):
    user = person(request, name)

    titles = list(Engagement.objects.visible_to(user).values_list("title", flat=True))

    assert sorted(titles) == sorted(SEES_ENGAGEMENTS[name])


@pytest.mark.parametrize("name", CAST)
def test_objectives_visible_to_each_role(two_engagements, request, name):
    user = person(request, name)

    of_engagements = list(Objective.objects.visible_to(user).values_list("engagement__title", flat=True))

    assert sorted(of_engagements) == sorted(SEES_ENGAGEMENTS[name])


@pytest.mark.parametrize("name", CAST)
def test_action_items_visible_to_each_role(two_engagements, request, name):
    user = person(request, name)

    titles = list(ActionItem.objects.visible_to(user).values_list("title", flat=True))

    assert sorted(titles) == sorted(f"{title} item" for title in SEES_ENGAGEMENTS[name])


def test_co_coach_sees_the_engagement_they_co_coach(co_coached, bobs, bob):
    titles = list(Engagement.objects.visible_to(bob).values_list("title", flat=True))

    assert sorted(titles) == ["Career move", "Leadership"]


def test_visible_engagements_have_no_duplicates(co_coached, ada, bob, alice, carol):
    gus = CoachFactory(user__username="gus")
    services.add_co_coach(engagement=co_coached, coach=gus, by=ada)

    for user in (ada, alice, bob, carol, gus.user):
        visible = Engagement.objects.visible_to(user)
        assert visible.count() == len(set(visible.values_list("pk", flat=True)))


def test_team_member_sees_the_team_engagement_once(alice, carol, eve):
    team = open_for(alice, carol, eve, title="Team offsite")

    visible = list(Engagement.objects.visible_to(eve))

    assert visible == [team]


SEES_COACHES = {
    "ada": {"alice", "bob"},
    "alice": {"alice", "bob"},  # herself and her supervisee's roster facts
    "bob": {"bob"},  # not his supervisor
    "carol": {"alice"},
    "dave": {"bob"},
    "eve": set(),
    "sam": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("name", CAST)
def test_coaches_visible_to_each_role(two_engagements, request, name):
    user = person(request, name)

    usernames = set(Coach.objects.visible_to(user).values_list("user__username", flat=True))

    assert usernames == SEES_COACHES[name]


def test_coachee_sees_the_co_coach_of_their_engagement(co_coached, carol):
    usernames = sorted(Coach.objects.visible_to(carol).values_list("user__username", flat=True))

    assert usernames == ["alice", "bob"]
