"""Every rule-bound change to the roster and to engagements, one module per part
(past STYLE's ~500 lines for one file); import them from here.

Each function is keyword-only, atomic, checks its guard, and writes an
EngagementEvent where an engagement is concerned. Pages, API, admin and tasks call
these and never re-implement a rule.
"""

from engagements.services.guards import (
    RuleBroken,
    ensure_admin,
    ensure_coach_of,
    ensure_state,
    lock,
    record_event,
    record_view,
    save_valid,
)
from engagements.services.lifecycle import (
    TERM_FIELDS,
    add_co_coach,
    add_objective,
    assign_coach,
    evaluate_objective,
    open_engagement,
    record_exploratory_session,
    set_terms,
    take_on_client,
    transition_engagement,
    write_evaluation,
)
from engagements.services.plans import (
    add_action_item,
    ensure_member,
    plan_for,
    update_action_progress,
)
from engagements.services.roster import (
    ROSTER_FIELDS,
    InvitationTokenGenerator,
    add_coach,
    add_coachee,
    add_organisation,
    invitation_link,
    invitation_tokens,
    invite_coach,
    log_supervision,
    record_certification,
    send_invitation,
    update_coach,
)

__all__ = [
    "ROSTER_FIELDS",
    "TERM_FIELDS",
    "InvitationTokenGenerator",
    "RuleBroken",
    "add_action_item",
    "add_co_coach",
    "add_coach",
    "add_coachee",
    "add_objective",
    "add_organisation",
    "assign_coach",
    "ensure_admin",
    "ensure_coach_of",
    "ensure_member",
    "ensure_state",
    "evaluate_objective",
    "invitation_link",
    "invitation_tokens",
    "invite_coach",
    "lock",
    "log_supervision",
    "open_engagement",
    "plan_for",
    "record_certification",
    "record_event",
    "record_exploratory_session",
    "record_view",
    "save_valid",
    "send_invitation",
    "set_terms",
    "take_on_client",
    "transition_engagement",
    "update_action_progress",
    "update_coach",
    "write_evaluation",
]
