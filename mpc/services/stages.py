"""The seven stages of an MPC engagement and the guards every write to their content
passes: the coach of an active engagement, writing into a stage that is not done."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagements.models import Engagement, User
from engagements.services import (
    NOT_A_PARTICIPANT,
    RuleBroken,
    ensure_coach_of,
    ensure_state,
    lock,
    record_event,
    save_valid,
    takes_part,
)
from mpc.models import Mission, Stage

MONITORING = Stage.Number.MONITORING

# ---------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------


def ensure_coachee(engagement: Engagement, person: User | None, *, field: str) -> None:
    """`person` must be one of the engagement's coachees (a member of the team)."""
    if person is not None and engagement.coachees.filter(user=person).exists():
        return
    if person is not None and not takes_part(engagement, person):
        raise ValidationError({field: NOT_A_PARTICIPANT})  # an outsider reads like an unknown id
    if engagement.kind == Engagement.Kind.TEAM:
        message = _("%(person)s is not a member of this team.")
    else:
        message = _("%(person)s is not this engagement's coachee.")
    raise ValidationError({field: message % {"person": person or _("Nobody")}})


def ensure_not_before_opening(engagement: Engagement, day: date | None, *, field: str, what: str) -> None:
    """An MPC date (a deadline, a due date, a check-in) falls on or after the day the engagement opened."""
    if day is not None and day < engagement.opened_on:
        raise ValidationError({field: _("%(what)s before the engagement opened (%(day)s).") % {
            "what": what, "day": date_format(engagement.opened_on, "d M Y"),
        }})


def ensure_not_in_the_future(day: date | None, *, field: str, what: str) -> None:
    """What was read or done is dated today at the latest."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("%(what)s in the future.") % {"what": what}})


def ensure_owner_or_coach(engagement: Engagement, owner: User | None, by: User) -> None:
    """`by` owns the thing (and takes part in the engagement) or coaches the engagement."""
    is_owner = owner is not None and owner.pk == by.pk
    if not (is_owner and Engagement.objects.visible_to(by).filter(pk=engagement.pk).exists()):
        ensure_coach_of(engagement, by)


def save_record(record) -> None:
    """save_valid, with a duplicate said beside the field that makes it one (the name, the
    title…): the last field its unique constraint names."""
    try:
        save_valid(record)
    except ValidationError as error:
        raise _beside_fields(error, record) from None


def _beside_fields(error: ValidationError, record) -> ValidationError:
    if not hasattr(error, "error_dict") or NON_FIELD_ERRORS not in error.error_dict:
        return error
    fields = {
        str(constraint.violation_error_message): constraint.fields[-1]
        for constraint in record._meta.constraints
        if isinstance(constraint, UniqueConstraint) and constraint.fields
    }
    errors = {name: list(errors) for name, errors in error.error_dict.items() if name != NON_FIELD_ERRORS}
    for one in error.error_dict[NON_FIELD_ERRORS]:
        errors.setdefault(fields.get(one.message, NON_FIELD_ERRORS), []).append(one)
    return ValidationError(errors)


def ensure_kind(engagement: Engagement, kind: str, *, doing: str) -> None:
    if engagement.kind != kind:
        raise RuleBroken("wrong_kind", _("cannot %(doing)s in %(kind)s") % {"doing": doing, "kind": engagement.get_kind_display().lower()})


def _lock_stage(stage: Stage) -> Stage:
    return Stage.objects.select_for_update().select_related("engagement").get(pk=stage.pk)


def _move(stage: Stage, status: str, *, by: User) -> None:
    from_status, stage.status = stage.status, status
    stage.started_at = stage.started_at or timezone.now()
    stage.completed_at = timezone.now() if status == Stage.Status.DONE else None
    stage.save()
    record_event(
        engagement=stage.engagement, by=by, action="mpc.stage_moved", subject=f"stage {stage.number}",
        from_state=from_status, to_state=status,
    )


def writable_stage(engagement: Engagement, number: int, *, by: User, doing: str, owner: User | None = None) -> Stage:
    """The stage a write belongs to: refused once done, started by its first content. The
    coach writes; so does `owner`, for what is theirs (an indicator they read)."""
    ensure_owner_or_coach(engagement, owner, by)
    engagement = lock(engagement)  # the guard reads the stored state, not a stale copy
    ensure_state(engagement, Engagement.State.ACTIVE, doing=doing)
    stage = Stage.objects.select_for_update().filter(engagement=engagement, number=number).first()
    if stage is None:
        raise RuleBroken("mpc_not_started", _("the MPC method has not been started on this engagement"))
    if stage.is_done:
        raise RuleBroken("stage_done", _("%(stage)s is done: reopen it to %(doing)s") % {"stage": stage.label, "doing": doing})
    if stage.status == Stage.Status.NOT_STARTED:
        _move(stage, Stage.Status.IN_PROGRESS, by=by)
    return stage


def monitoring_stage(engagement: Engagement, *, by: User, doing: str, owner: User | None = None) -> Stage:
    """Monitoring follows the double action plan: stage 6 must be done first."""
    ensure_owner_or_coach(engagement, owner, by)
    plan = Stage.objects.filter(engagement=engagement, number=Stage.Number.ACTION_PLAN).first()
    if plan is not None and not plan.is_done:
        raise RuleBroken("stage_out_of_order", _("cannot %(doing)s before %(stage)s is done") % {"doing": doing, "stage": plan.label})
    return writable_stage(engagement, MONITORING, by=by, doing=doing, owner=owner)


# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------


def lay_out_stages(engagement: Engagement, *, by: User) -> list[Stage]:
    """The seven stages, not started, for an engagement that runs the method (call it
    inside the act that opens or switches the engagement)."""
    if engagement.mpc_stages.exists():
        raise RuleBroken("mpc_started", _("the MPC method has already started on this engagement"))
    stages = Stage.objects.bulk_create(Stage(engagement=engagement, number=n) for n in Stage.Number.values)
    record_event(engagement=engagement, by=by, action="mpc.started", subject="stages 1–7")
    return stages


@transaction.atomic
def start_mpc(*, engagement: Engagement, by: User) -> list[Stage]:
    """Switch an engagement under way to the MPC method: it runs it from now on, with its
    seven stages laid out. (An engagement opened with MPC has them from the start.)"""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.EXPLORATORY, Engagement.State.ACTIVE, doing=_("start the MPC method"))
    if not engagement.uses_mpc:
        engagement.uses_mpc = True
        engagement.save(update_fields=["uses_mpc", "updated_at"])
    return lay_out_stages(engagement, by=by)


@transaction.atomic
def complete_stage(*, stage: Stage, by: User) -> Stage:
    """Mark a stage done: the one before it must be done and its own content complete."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    ensure_state(stage.engagement, Engagement.State.ACTIVE, doing=_("complete %(stage)s") % {"stage": stage.label})
    if rules := stage.unmet_rules():
        raise RuleBroken.first_of(rules)
    stage.needs_review = False
    _move(stage, Stage.Status.DONE, by=by)
    return stage


@transaction.atomic
def reopen_stage(*, stage: Stage, by: User) -> Stage:
    """Reopen a done stage; the later stages keep their content but are flagged for review."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    ensure_state(stage.engagement, Engagement.State.ACTIVE, doing=_("reopen %(stage)s") % {"stage": stage.label})
    if not stage.is_done:
        raise RuleBroken("stage_not_done", _("%(stage)s is not done: there is nothing to reopen") % {"stage": stage.label})
    stage.needs_review = False
    _move(stage, Stage.Status.IN_PROGRESS, by=by)
    if stage.number == MONITORING:
        _take_up_the_mission(stage.engagement, by=by)
    later = Stage.objects.filter(engagement=stage.engagement, number__gt=stage.number)
    later.exclude(status=Stage.Status.NOT_STARTED).update(needs_review=True)
    return stage


def _take_up_the_mission(engagement: Engagement, *, by: User) -> None:
    """Monitoring reopened: the mission is under way again (its closing note is kept)."""
    mission = Mission.objects.filter(engagement=engagement, status=Mission.Status.COMPLETE).first()
    if mission is None:
        return
    mission.status, mission.completed_on = Mission.Status.UNDER_WAY, None
    mission.save(update_fields=["status", "completed_on", "updated_at"])
    record_event(
        engagement=engagement, by=by, action="mpc.mission_moved", subject="mission",
        from_state=Mission.Status.COMPLETE, to_state=Mission.Status.UNDER_WAY,
    )


@transaction.atomic
def complete_mission(*, engagement: Engagement, completed_on: date, closing_note: str, by: User) -> Mission:
    """Mark the mission complete, dated, with a closing note, once monitoring has nothing
    left to follow: a check-in held and every milestone reached or dropped. Monitoring,
    stage 7, is done with it."""
    stage = monitoring_stage(engagement, by=by, doing=_("mark the mission complete"))
    stage = _lock_stage(stage)
    mission = Mission.objects.select_for_update().filter(engagement=engagement).first()
    if mission is None or not mission.can_move_to(Mission.Status.COMPLETE):
        raise RuleBroken(
            "mission_complete", _("the mission is complete already") if mission else _("there is no mission to complete")
        )
    before = [check.missing for check in stage.checklist()[:-1] if not check.met]
    if before:
        raise RuleBroken("mission_not_reached", _("the mission cannot be complete yet: %(missing)s") % {"missing": "; ".join(before)})
    ensure_not_before_opening(engagement, completed_on, field="completed_on", what=_("The mission cannot be complete"))
    ensure_not_in_the_future(completed_on, field="completed_on", what=_("The mission cannot be complete"))
    mission.status, mission.completed_on, mission.closing_note = Mission.Status.COMPLETE, completed_on, closing_note
    save_record(mission)
    record_event(
        engagement=engagement, by=by, action="mpc.mission_moved", subject="mission",
        from_state=Mission.Status.UNDER_WAY, to_state=Mission.Status.COMPLETE,
    )
    stage.needs_review = False
    _move(stage, Stage.Status.DONE, by=by)
    return mission


@transaction.atomic
def confirm_stage_review(*, stage: Stage, by: User) -> Stage:
    """Clear a stage's review flag once every stage before it is done again."""
    ensure_coach_of(stage.engagement, by)
    stage = _lock_stage(stage)
    if not stage.needs_review:
        raise RuleBroken("stage_not_flagged", _("%(stage)s is not flagged for review") % {"stage": stage.label})
    earlier = Stage.objects.filter(engagement=stage.engagement, number__lt=stage.number)
    if undone := earlier.exclude(status=Stage.Status.DONE).first():
        raise RuleBroken(
            "stage_out_of_order", _("review %(stage)s once %(previous)s is done again") % {"stage": stage.label, "previous": undone.label}
        )
    stage.needs_review = False
    stage.save(update_fields=["needs_review"])
    record_event(engagement=stage.engagement, by=by, action="mpc.stage_reviewed", subject=f"stage {stage.number}")
    return stage
