"""The README's run command loads this demo practice: it must show every state."""

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from coaching import demo
from engagements.models import ActionItem, Engagement, EngagementReport, User
from mpc.models import Milestone, Stage


@pytest.fixture
def practice(db):
    return demo.seed_demo()


def test_demo_has_an_engagement_in_every_state(practice):
    states = set(Engagement.objects.values_list("state", flat=True))

    assert states == {s.value for s in Engagement.State}


def test_demo_logins_work_with_the_printed_password(practice):
    for username in ["ada", "alice", "bob", "chris", "carol", "dave", "kate", "frank", "jack", "nora"]:
        # A login comes with its request: django-axes counts attempts per username and address.
        login = RequestFactory().post("/accounts/login/")
        assert authenticate(login, username=username, password=demo.DEMO_PASSWORD) is not None, username


def test_demo_has_a_supervisor_and_an_admin(practice):
    assert practice["bob"].coach.supervisor == practice["alice"].coach
    assert practice["ada"].is_practice_admin


def test_demo_runs_mpc_for_an_individual_at_stage_six_or_seven_and_for_a_team(practice):
    individual = Engagement.objects.get(uses_mpc=True, kind=Engagement.Kind.INDIVIDUAL)
    team = Engagement.objects.get(uses_mpc=True, kind=Engagement.Kind.TEAM)

    done = set(individual.mpc_stages.filter(status=Stage.Status.DONE).values_list("number", flat=True))
    assert {1, 2, 3, 4, 5, 6} <= done
    assert team.coachees.count() >= 2
    assert team.mpc_stages.exists()


def test_demo_has_something_due_tomorrow_to_remind(practice):
    tomorrow = timezone.localdate() + timedelta(days=1)

    assert ActionItem.objects.filter(due_on=tomorrow).exists()
    assert Milestone.objects.filter(due_on=tomorrow).exists()


def test_loading_twice_changes_nothing(practice, capsys):
    before = Engagement.objects.count()

    call_command("load_demo")

    assert Engagement.objects.count() == before
    assert "already loaded" in capsys.readouterr().out


def test_demo_has_a_sponsor_contact_who_reads_one_approved_report_and_not_the_other_engagement(practice):
    nora = User.objects.get(username="nora")
    followed = {e.title: e.consented for e in Engagement.objects.sponsored_for(nora)}

    assert followed == {"Leading a growing team": False, "Managing conflict": True}
    assert list(EngagementReport.objects.visible_to(nora).values_list("engagement__title", flat=True)) == ["Managing conflict"]
