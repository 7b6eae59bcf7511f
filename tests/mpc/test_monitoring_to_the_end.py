"""Stage 7 closes the loop: progress recorded with its note, control indicators read in
their unit by their owner or the coach, check-ins that rate the open qualitative goals,
and the mission completed — dated, with a closing note — once nothing is left to reach."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engagements.services import RuleBroken
from mpc import services
from mpc.models import CheckIn, ControlIndicator, ControlReading, Goal, GoalRating, Milestone, MilestoneUpdate, Mission, Stage
from mpc.progress import measures
from tests.conftest import activate, open_for
from tests.mpc.conftest import complete_through, open_goals_rated, stage, start

HELD_ON = date(2026, 4, 1)


@pytest.fixture
def indicator(monitored) -> ControlIndicator:
    return ControlIndicator.objects.get(item__plan__engagement=monitored)


def reach_every_milestone(engagement, coach) -> None:
    progress = {m: 100 for m in Milestone.objects.filter(goal__engagement=engagement).pending()}
    services.record_check_in(
        engagement=engagement, held_on=HELD_ON, ratings=open_goals_rated(engagement), milestone_progress=progress, by=coach
    )


def test_the_owner_records_progress_with_a_note_and_it_is_kept_in_its_history(monitored, carol):
    milestone = Milestone.objects.filter(goal__engagement=monitored, owner=carol).first()

    services.update_milestone(milestone=milestone, progress=60, note="Half the accounts seen", by=carol)

    step = MilestoneUpdate.objects.get(milestone=milestone)
    assert (step.progress, step.status, step.note, step.check_in) == (60, "in_progress", "Half the accounts seen", None)
    assert step.recorded_on == timezone.localdate()


def test_the_indicators_owner_reads_it_in_its_unit(monitored, indicator, carol):
    reading = services.record_reading(indicator=indicator, value=Decimal("9"), unit="complaints", read_on=HELD_ON, by=carol)

    assert reading.indicator == indicator and reading.read_on == HELD_ON


def test_a_reading_in_the_wrong_unit_is_refused_naming_both_units(monitored, indicator, alice):
    with pytest.raises(ValidationError) as refused:
        services.record_reading(indicator=indicator, value=Decimal("9"), unit="%", read_on=HELD_ON, by=alice)

    assert refused.value.message_dict["unit"] == [
        "The value is in “%” but “Customer complaints a month” is measured in “complaints”."
    ]
    assert not ControlReading.objects.exists()


def test_a_reading_in_the_future_is_refused(monitored, indicator, alice):
    with pytest.raises(ValidationError) as refused:
        services.record_reading(
            indicator=indicator, value=Decimal("9"), unit="complaints", read_on=timezone.localdate() + timedelta(days=1), by=alice
        )

    assert refused.value.message_dict["read_on"] == ["A reading cannot be dated in the future."]


def test_someone_who_does_not_own_the_indicator_may_not_read_it(monitored, indicator, dave):
    with pytest.raises(PermissionDenied):
        services.record_reading(indicator=indicator, value=Decimal("9"), unit="complaints", read_on=HELD_ON, by=dave)

    assert not ControlReading.objects.exists()


def test_a_check_in_refuses_another_engagements_indicator_and_saves_nothing(monitored, alice, carol):
    other = start(activate(open_for(alice, carol, uses_mpc=True, title="Elsewhere"), alice), alice)
    complete_through(other, alice, 6)
    theirs = ControlIndicator.objects.get(item__plan__engagement=other)

    with pytest.raises(ValidationError) as refused:
        services.record_check_in(
            engagement=monitored, held_on=HELD_ON, ratings=open_goals_rated(monitored), by=alice,
            indicator_readings=[services.IndicatorValue(indicator=theirs, value=Decimal("3"), unit="complaints")],
        )

    assert refused.value.message_dict["indicator"] == ["“Customer complaints a month” is not a control indicator of this engagement."]
    assert not CheckIn.objects.exists() and not ControlReading.objects.exists()


def test_a_check_in_rates_each_open_qualitative_goal(monitored, alice):
    with pytest.raises(ValidationError) as refused:
        services.record_check_in(engagement=monitored, held_on=HELD_ON, by=alice)

    atmosphere = Goal.objects.get(engagement=monitored, title="Better team atmosphere")
    services.record_check_in(engagement=monitored, held_on=HELD_ON, ratings={atmosphere: 7}, by=alice)

    assert refused.value.message_dict["ratings"] == [
        "Rate each qualitative goal from 1 to 10 at the check-in: “Better team atmosphere” has no rating."
    ]
    assert GoalRating.objects.get(goal=atmosphere).rating == 7


def test_a_quantitative_goal_is_read_not_rated(monitored, alice):
    turnover = Goal.objects.get(engagement=monitored, title="Grow turnover")

    with pytest.raises(ValidationError) as refused:
        services.record_check_in(engagement=monitored, held_on=HELD_ON, ratings={**open_goals_rated(monitored), turnover: 5}, by=alice)

    assert refused.value.message_dict["goal"] == ["“Grow turnover” is quantitative: read its indicator instead of rating it."]
    assert not CheckIn.objects.exists()


def test_a_check_in_reviews_every_indicator_since_the_last_one(monitored, indicator, alice, carol):
    services.record_check_in(engagement=monitored, held_on=HELD_ON, ratings=open_goals_rated(monitored), by=alice)
    services.record_reading(indicator=indicator, value=Decimal("10"), unit="complaints", read_on=date(2026, 3, 1), by=carol)
    services.record_reading(indicator=indicator, value=Decimal("6"), unit="complaints", read_on=date(2026, 5, 1), by=carol)

    shown = next(m for m in measures(monitored) if m.record == indicator)

    assert [p.value for p in shown.since(HELD_ON)] == [Decimal("6")]
    assert shown.latest.value == Decimal("6") and not shown.is_met


def test_the_mission_waits_for_every_milestone(monitored, alice):
    services.record_check_in(engagement=monitored, held_on=HELD_ON, ratings=open_goals_rated(monitored), by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.complete_mission(engagement=monitored, completed_on=HELD_ON, closing_note="Done", by=alice)

    assert refused.value.code == "mission_not_reached"
    assert "milestones not reached yet: First 120k quarter, Monthly team retro" in refused.value.detail
    assert not Mission.objects.get(engagement=monitored).is_complete


def test_the_mission_complete_is_dated_noted_and_ends_monitoring(monitored, alice):
    reach_every_milestone(monitored, alice)

    mission = services.complete_mission(engagement=monitored, completed_on=HELD_ON, closing_note="Reporting is a habit.", by=alice)

    assert (mission.status, mission.completed_on, mission.closing_note) == ("complete", HELD_ON, "Reporting is a habit.")
    assert stage(monitored, 7).status == Stage.Status.DONE
    assert stage(monitored, 7).checklist()[-1].met


def test_the_mission_complete_needs_its_closing_note(monitored, alice):
    reach_every_milestone(monitored, alice)

    with pytest.raises(ValidationError) as refused:
        services.complete_mission(engagement=monitored, completed_on=HELD_ON, closing_note="", by=alice)

    assert "closing note" in str(refused.value)
    assert stage(monitored, 7).status != Stage.Status.DONE


def test_reopening_monitoring_takes_the_mission_up_again(monitored, alice):
    reach_every_milestone(monitored, alice)
    services.complete_mission(engagement=monitored, completed_on=HELD_ON, closing_note="Done.", by=alice)

    services.reopen_stage(stage=stage(monitored, 7), by=alice)

    mission = Mission.objects.get(engagement=monitored)
    assert (mission.status, mission.completed_on, mission.closing_note) == ("under_way", None, "Done.")


def test_the_stage_7_rule_is_a_checklist(monitored):
    checks = stage(monitored, 7).checklist()

    assert [check.needs for check in checks] == [
        "A check-in that reviews the indicators",
        "Every milestone reached (or dropped)",
        "The mission marked complete, with a closing note",
    ]
    assert [check.met for check in checks] == [False, False, False]
