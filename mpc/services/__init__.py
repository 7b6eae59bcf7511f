"""Rule-bound changes to an MPC engagement: its seven stages, their content, and monitoring.
One module per part (past STYLE's ~500 lines for one file); import them from here.

Content is written only while the engagement is active, into a stage that has not
been marked done (writing starts the stage); stages are marked done in order once
their content is complete.
"""

from mpc.services.audits import (
    add_customer,
    add_factor,
    add_partner,
    observe_team,
    rate_person,
)
from mpc.services.goals import (
    add_activity_flow,
    add_goal,
    add_milestone,
    define_mission,
    set_next_goal,
)
from mpc.services.monitoring import (
    IndicatorValue,
    Reading,
    record_check_in,
    record_reading,
    update_milestone,
)
from mpc.services.plans import (
    about_for,
    add_control_indicator,
    add_plan_item,
    add_resource,
    assign_role,
    revise_control_indicator,
    revise_plan_item,
    withdraw_plan_item,
)
from mpc.services.revisions import (
    KINDS,
    revise_milestone,
    revise_record,
    withdraw_record,
)
from mpc.services.stages import (
    complete_mission,
    complete_stage,
    confirm_stage_review,
    ensure_coachee,
    ensure_kind,
    lay_out_stages,
    reopen_stage,
    start_mpc,
)

__all__ = [
    "KINDS",
    "IndicatorValue",
    "Reading",
    "about_for",
    "add_control_indicator",
    "complete_mission",
    "record_reading",
    "revise_control_indicator",
    "add_activity_flow",
    "add_customer",
    "add_factor",
    "add_goal",
    "add_milestone",
    "add_partner",
    "add_plan_item",
    "add_resource",
    "assign_role",
    "complete_stage",
    "confirm_stage_review",
    "define_mission",
    "ensure_coachee",
    "ensure_kind",
    "lay_out_stages",
    "observe_team",
    "rate_person",
    "record_check_in",
    "reopen_stage",
    "revise_milestone",
    "revise_plan_item",
    "revise_record",
    "set_next_goal",
    "start_mpc",
    "update_milestone",
    "withdraw_plan_item",
    "withdraw_record",
]
