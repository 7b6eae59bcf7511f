"""Correcting and withdrawing MPC records (services): the guards of adding them, the rules
the changed record must still meet, refusals that name what depends on a record, and an
audit trail that names the fields changed, never their content."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements.models import ActionItem, Engagement, EngagementEvent
from engagements.services import RuleBroken, transition_engagement, update_action_progress
from mpc import services
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    IndicatorReading,
    Milestone,
    Mission,
    Partner,
    Resource,
    Role,
    TeamObservation,
)
from sessions_grow import services as grow
from tests.conftest import prepare_closing
from tests.mpc.conftest import DEADLINE, FILLERS, PERSONAL, PROJECT, complete_through, fill_person_audit, stage, open_goals_rated

HELD_ON = date(2026, 4, 1)


def first(model, engagement: Engagement):
    path = "goal__engagement" if model is Milestone else "engagement"
    return model.objects.filter(**{path: engagement}).order_by("id").first()


@pytest.fixture
def filled(individual, alice) -> Engagement:
    """alice's MPC engagement with carol, stages 1–5 written but none marked done."""
    for number in range(1, 6):
        FILLERS[number](individual, alice)
    return individual


def events(engagement: Engagement, action: str) -> list[str]:
    return list(EngagementEvent.objects.filter(engagement=engagement, action=action).values_list("subject", flat=True))


# Each kind of record, the change a coach makes to it, and a word of that change's content.
EDITS: list[tuple[type, dict, str]] = [
    (AuditRating, {"rating": 7, "notes": "Confidential: struggles with Excel"}, "Excel"),
    (Customer, {"expectations": "Confidential daily figures"}, "Confidential"),
    (Partner, {"name": "Confidential IT", "part": "Hosts it"}, "Confidential"),
    (Factor, {"weight": 2, "effect": Factor.Effect.EASES}, "eases"),
    (Mission, {"statement": "Confidential: be promoted by June"}, "promoted"),
    (Goal, {"title": "Confidential turnover", "target": 160000}, "Confidential"),
    (Milestone, {"due_on": date(2026, 7, 31)}, "2026"),
    (ActivityFlow, {"description": "Confidential Monday reporting"}, "Monday"),
    (Resource, {"description": "Confidential Power BI licence"}, "Power"),
    (Role, {"responsibilities": "Confidential: owns the Q3 report"}, "Q3"),
]


@pytest.mark.parametrize(("model", "changes", "content"), EDITS, ids=[m.__name__ for m, _, _ in EDITS])
def test_the_coach_corrects_each_mpc_record_and_the_trail_names_the_fields_only(filled, alice, model, changes, content):
    record = first(model, filled)
    kind = services.KINDS[model]

    revised = services.revise_record(record=record, by=alice, **changes)

    revised.refresh_from_db()
    assert {name: getattr(revised, name) for name in changes} == changes
    [subject] = events(filled, f"mpc.{kind.key}_revised")
    assert subject == f"{kind.noun} {record.pk}: " + ", ".join(name.replace("_", " ") for name in changes)
    assert content not in subject


DELETES = [AuditRating, Customer, Partner, Factor, Mission, Milestone, ActivityFlow, Resource, Role]


@pytest.mark.parametrize("model", DELETES, ids=[m.__name__ for m in DELETES])
def test_the_coach_deletes_each_mpc_record_nothing_depends_on(filled, alice, model):
    record = first(model, filled)
    kind = services.KINDS[model]

    services.withdraw_record(record=record, by=alice)

    assert not model.objects.filter(pk=record.pk).exists()
    assert events(filled, f"mpc.{kind.key}_withdrawn") == [f"{kind.noun} {record.pk}"]


def test_a_goal_nothing_depends_on_is_deleted(individual, alice):
    goal = services.add_goal(engagement=individual, title="Spare", kind=Goal.Kind.QUALITATIVE, deadline=DEADLINE, success_sign="Energy in the room", by=alice)

    services.withdraw_record(record=goal, by=alice)

    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_a_team_observation_is_corrected_within_the_team(team, bob, dave, eve):
    fill_person_audit(team, bob)
    note = TeamObservation.objects.filter(engagement=team, member=dave).get()

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=note, member=eve, by=bob)
    services.revise_record(record=note, member=None, aspect="listening", by=bob)

    assert refused.value.message_dict["member"] == ["No one with this id takes part in this engagement."]
    note.refresh_from_db()
    assert (note.member, note.aspect) == (None, "listening")
    assert events(team, "mpc.team_observation_revised") == [f"observation {note.pk}: member, aspect"]


def test_a_team_role_goes_only_to_someone_the_engagement_names(team, bob, eve):
    complete_through(team, bob, 4)
    FILLERS[5](team, bob)
    role = Role.objects.filter(engagement=team).first()

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=role, holder=eve, by=bob)

    assert refused.value.message_dict["holder"] == ["No one with this id takes part in this engagement."]
    assert Role.objects.get(pk=role.pk).holder != eve


def test_an_activity_flow_keeps_an_owner_who_takes_part(filled, alice, eve):
    flow = first(ActivityFlow, filled)

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=flow, owner=eve, by=alice)

    assert refused.value.message_dict["owner"] == ["No one with this id takes part in this engagement."]


def test_a_field_an_edit_may_not_change_is_refused(filled, alice, bobs):
    customer = first(Customer, filled)

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=customer, engagement=bobs, by=alice)

    assert refused.value.messages == ["These cannot be changed here: engagement."]
    assert Customer.objects.get(pk=customer.pk).engagement == filled


# --- the guards of adding -----------------------------------------------------------


@pytest.mark.parametrize("act", ["revise", "withdraw"])
def test_a_record_of_a_done_stage_says_to_reopen_it(individual, alice, act):
    complete_through(individual, alice, 2)
    customer = first(Customer, individual)

    with pytest.raises(RuleBroken) as refused:
        if act == "revise":
            services.revise_record(record=customer, name="Wholesale", by=alice)
        else:
            services.withdraw_record(record=customer, by=alice)

    verb = "change" if act == "revise" else "delete"
    assert refused.value.detail == f"stage 2 (project audit) is done: reopen it to {verb} a customer"
    assert Customer.objects.get(pk=customer.pk).name == "Retail division"


def test_only_the_engagements_coach_corrects_or_deletes_its_records(filled, bob, carol):
    customer = first(Customer, filled)

    for person in (bob, carol):
        with pytest.raises(PermissionDenied):
            services.revise_record(record=customer, name="Wholesale", by=person)
        with pytest.raises(PermissionDenied):
            services.withdraw_record(record=customer, by=person)

    assert Customer.objects.get(pk=customer.pk).name == "Retail division"


def test_a_closed_engagements_mpc_records_never_change(filled, alice):
    customer = first(Customer, filled)
    transition_engagement(engagement=filled, to=Engagement.State.ASSESSMENT, by=alice)
    prepare_closing(filled, alice)
    transition_engagement(engagement=filled, to=Engagement.State.CLOSED, by=alice)

    with pytest.raises(RuleBroken) as edit:
        services.revise_record(record=customer, name="Wholesale", by=alice)
    with pytest.raises(RuleBroken) as delete:
        services.withdraw_record(record=customer, by=alice)

    assert edit.value.detail == "cannot change a customer while the engagement is closed"
    assert delete.value.detail == "cannot delete a customer while the engagement is closed"
    assert Customer.objects.filter(pk=customer.pk, name="Retail division").exists()


# --- goals and milestones -----------------------------------------------------------


def test_a_milestone_rescheduled_after_its_goals_deadline_is_refused_and_nothing_is_saved(filled, alice):
    milestone = first(Milestone, filled)

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=milestone, title="Renamed", due_on=date(2027, 1, 15), by=alice)

    [message] = refused.value.message_dict["due_on"]
    assert "2027-01-15" in message and "2026-12-31" in message
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("First 120k quarter", date(2026, 6, 30))
    assert not events(filled, "mpc.milestone_revised")


@pytest.mark.parametrize(
    ("model", "field", "message"),
    [
        (Goal, "deadline", "A goal cannot be due before the engagement opened (05 Jan 2026)."),
        (Milestone, "due_on", "A milestone cannot be due before the engagement opened (05 Jan 2026)."),
    ],
)
def test_nothing_is_rescheduled_before_the_engagement_opened(filled, alice, model, field, message):
    record = first(model, filled)
    before = getattr(record, field)

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=record, **{field: date(2025, 12, 31)}, by=alice)

    assert refused.value.message_dict[field] == [message]
    assert getattr(model.objects.get(pk=record.pk), field) == before


def test_a_check_in_is_not_dated_before_the_engagement_opened(monitored, alice):
    with pytest.raises(ValidationError) as added:
        services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=date(2025, 12, 31), by=alice)
    check_in = services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice)
    with pytest.raises(ValidationError) as moved:
        services.revise_record(record=check_in, held_on=date(2025, 12, 31), by=alice)

    message = ["A check-in cannot be held before the engagement opened (05 Jan 2026)."]
    assert added.value.message_dict["held_on"] == moved.value.message_dict["held_on"] == message
    assert CheckIn.objects.get(pk=check_in.pk).held_on == HELD_ON


def test_a_milestone_owner_must_take_part_in_the_engagement(filled, alice, eve):
    milestone = first(Milestone, filled)

    with pytest.raises(ValidationError) as refused:
        services.revise_milestone(milestone=milestone, owner=eve, by=alice)

    assert refused.value.message_dict["owner"] == ["No one with this id takes part in this engagement."]


def test_a_milestone_is_rescheduled_during_monitoring(monitored, alice):
    milestone = first(Milestone, monitored)

    services.revise_milestone(milestone=milestone, due_on=date(2026, 8, 31), by=alice)

    assert Milestone.objects.get(pk=milestone.pk).due_on == date(2026, 8, 31)
    assert stage(monitored, 4).is_done and stage(monitored, 7).status == "in_progress"


def test_a_milestone_is_not_rescheduled_between_its_stage_and_monitoring(individual, alice):
    complete_through(individual, alice, 4)
    milestone = first(Milestone, individual)

    with pytest.raises(RuleBroken) as refused:
        services.revise_milestone(milestone=milestone, due_on=date(2026, 8, 31), by=alice)

    assert refused.value.detail == "stage 4 (goals and activity flows) is done: reopen it to change a milestone"


def test_during_monitoring_a_milestone_is_dropped_not_deleted(monitored, alice):
    milestone = first(Milestone, monitored)

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_record(record=milestone, by=alice)

    assert "reopen it to delete a milestone" in refused.value.detail
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_the_owner_updates_progress_but_only_the_coach_reschedules(monitored, alice, carol):
    milestone = first(Milestone, monitored)

    services.revise_milestone(milestone=milestone, progress=30, by=carol)
    with pytest.raises(PermissionDenied):
        services.revise_milestone(milestone=milestone, due_on=date(2026, 8, 31), by=carol)
    services.revise_milestone(milestone=milestone, title="First 125k quarter", progress=60, by=alice)

    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on, milestone.progress) == ("First 125k quarter", date(2026, 6, 30), 60)
    assert milestone.status == Milestone.Status.IN_PROGRESS


def test_a_refused_progress_undoes_the_reschedule_given_with_it(monitored, alice):
    milestone = first(Milestone, monitored)
    services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, milestone_progress={milestone: 100}, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.revise_milestone(milestone=milestone, due_on=date(2026, 8, 31), status=Milestone.Status.PENDING, by=alice)

    assert refused.value.detail == "milestone “First 120k quarter” is reached: it cannot become pending"
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.status) == (date(2026, 6, 30), Milestone.Status.REACHED)
    assert not events(monitored, "mpc.milestone_revised")


def test_a_goal_with_milestones_and_a_flow_is_not_deleted_and_names_them(filled, alice):
    goal = Goal.objects.get(engagement=filled, title="Grow turnover")

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_record(record=goal, by=alice)

    assert refused.value.code == "has_dependents"
    assert refused.value.detail == "this goal still has the milestone “First 120k quarter” and the activity flow “Weekly reporting”"
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_a_goals_deadline_stays_after_its_milestones(filled, alice):
    goal = Goal.objects.get(engagement=filled, title="Grow turnover")

    with pytest.raises(ValidationError) as refused:
        services.revise_record(record=goal, deadline=date(2026, 5, 31), by=alice)

    assert refused.value.message_dict["deadline"] == [
        "The milestone “First 120k quarter” is due after 31 May 2026: reschedule it first."
    ]
    assert Goal.objects.get(pk=goal.pk).deadline == DEADLINE


def test_a_goal_whose_indicator_was_read_keeps_its_unit_and_is_not_deleted(monitored, alice):
    goal = Goal.objects.get(engagement=monitored, title="Grow turnover")
    services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, readings=[services.Reading(goal=goal, value=110000, unit="EUR")]
    )
    services.reopen_stage(stage=stage(monitored, 4), by=alice)

    with pytest.raises(ValidationError) as unit:
        services.revise_record(record=goal, unit="kEUR", by=alice)
    with pytest.raises(RuleBroken) as delete:
        services.withdraw_record(record=goal, by=alice)

    assert "unit" in unit.value.message_dict
    assert "its indicator's readings at the check-in of 01 Apr 2026" in delete.value.detail


def test_a_milestone_a_check_in_and_a_next_goal_rest_on_is_not_deleted(monitored, alice):
    milestone = first(Milestone, monitored)
    services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, milestone_progress={milestone: 100}, by=alice)
    services.set_next_goal(milestone=milestone, title="Grow again", kind=Goal.Kind.QUALITATIVE, deadline=DEADLINE, success_sign="Energy in the room", by=alice)
    services.reopen_stage(stage=stage(monitored, 4), by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_record(record=milestone, by=alice)

    assert refused.value.detail == (
        "this milestone still has progress recorded on 01 Apr 2026 and the next goal “Grow again”: "
        "mark it dropped instead"
    )


# --- check-ins ----------------------------------------------------------------------


def test_a_check_in_is_corrected_and_deleted_with_its_readings(monitored, alice):
    goal = Goal.objects.get(engagement=monitored, title="Grow turnover")
    check_in = services.record_check_in(
        engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, by=alice, readings=[services.Reading(goal=goal, value=110000, unit="EUR")]
    )

    services.revise_record(record=check_in, held_on=date(2026, 4, 2), notes="Moved a day", by=alice)
    services.withdraw_record(record=check_in, by=alice)

    assert not CheckIn.objects.filter(pk=check_in.pk).exists()
    assert not IndicatorReading.objects.filter(goal=goal).exists()
    assert events(monitored, "mpc.check_in_revised") == [f"check-in {check_in.pk}: held on, notes"]


def test_a_check_in_that_moved_milestones_stays(monitored, alice):
    milestone = first(Milestone, monitored)
    check_in = services.record_check_in(engagement=monitored, ratings=open_goals_rated(monitored), held_on=HELD_ON, milestone_progress={milestone: 40}, by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_record(record=check_in, by=alice)

    assert refused.value.detail == "this check-in still has progress it recorded for the milestone “First 120k quarter”"
    assert CheckIn.objects.filter(pk=check_in.pk).exists()


# --- items of the double action plan ------------------------------------------------


@pytest.fixture
def planned(individual, alice) -> Engagement:
    """Stages 1–5 done, the double action plan written but not marked done."""
    complete_through(individual, alice, 5)
    FILLERS[6](individual, alice)
    return individual


def item_of(engagement: Engagement, category: str) -> ActionItem:
    return ActionItem.objects.get(plan__engagement=engagement, category=category)


def test_the_coach_corrects_a_plan_item(planned, alice, carol):
    item = item_of(planned, ActionItem.Category.HOBBY)

    services.revise_plan_item(item=item, title="Confidential: climbing twice a week", due_on=date(2026, 5, 1), by=alice)

    item.refresh_from_db()
    assert (item.title, item.due_on) == ("Confidential: climbing twice a week", date(2026, 5, 1))
    assert events(planned, "action_item.revised") == ["personal plan action: title, due on"]


def test_a_plan_item_keeps_to_its_half_of_the_plan(planned, alice):
    item = item_of(planned, ActionItem.Category.HOBBY)

    with pytest.raises(ValidationError) as refused:
        services.revise_plan_item(item=item, category=ActionItem.Category.GOAL, by=alice)

    assert refused.value.message_dict["category"] == [
        "The personal plan holds these kinds of item: work-life balance, hobbies, weak point to develop."
    ]


def test_a_compulsory_deadline_keeps_its_date(planned, alice):
    item = item_of(planned, ActionItem.Category.DEADLINE)

    with pytest.raises(ValidationError) as refused:
        services.revise_plan_item(item=item, due_on=None, by=alice)

    assert refused.value.message_dict["due_on"] == ["A compulsory deadline needs its date."]
    assert ActionItem.objects.get(pk=item.pk).due_on is not None


def test_each_item_of_a_teams_collective_plan_stays_a_members(team, bob, eve):
    complete_through(team, bob, 5)
    FILLERS[6](team, bob)
    item = ActionItem.objects.filter(plan__engagement=team, plan__kind=PROJECT).first()

    with pytest.raises(ValidationError) as outsider:
        services.revise_plan_item(item=item, owner=eve, by=bob)
    with pytest.raises(ValidationError) as nobody:
        services.revise_plan_item(item=item, owner=None, by=bob)

    assert outsider.value.message_dict["owner"] == ["No one with this id takes part in this engagement."]
    assert nobody.value.message_dict["owner"] == ["Nobody is not a member of this team."]


def test_a_plan_item_is_deleted_until_progress_is_reported(planned, alice, carol):
    mistaken = item_of(planned, ActionItem.Category.HOBBY)
    started = item_of(planned, ActionItem.Category.WORK_LIFE)
    update_action_progress(item=started, progress=20, by=carol)
    services.withdraw_plan_item(item=mistaken, by=alice)
    with pytest.raises(RuleBroken) as refused:
        services.withdraw_plan_item(item=started, by=alice)

    assert not ActionItem.objects.filter(pk=mistaken.pk).exists()
    assert refused.value.code == "action_has_progress"


def test_a_done_action_plan_says_to_reopen_it(monitored, alice):
    item = ActionItem.objects.filter(plan__engagement=monitored, plan__kind=PERSONAL).first()

    with pytest.raises(RuleBroken) as refused:
        services.revise_plan_item(item=item, title="Renamed", by=alice)

    assert refused.value.detail == "stage 6 (double action plan) is done: reopen it to change the action plan"


def test_a_grow_sessions_action_is_not_an_item_of_the_double_plan(individual, alice, now):
    session = grow.schedule_session(engagement=individual, scheduled_at=now, by=alice)
    session = grow.hold_session(session=session, duration_minutes=60, by=alice)
    action = grow.agree_action(session=session, title="Call the supplier", by=alice)

    with pytest.raises(RuleBroken) as refused:
        services.withdraw_plan_item(item=action, by=alice)

    assert refused.value.detail == "this action is not on the double action plan"
