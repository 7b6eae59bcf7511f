"""Management through Professional Coaching (MPC): seven ordered stages that run the
coaching as a project, from the audits to the monitoring of goals and milestones.
One module per part of the method (past STYLE's ~500 lines for one file); import them from here.

Action plans (stage 6) live on engagements' ActionPlan / ActionItem, shared with GROW.
"""

from mpc.models.audits import (
    AuditRating,
    Customer,
    Factor,
    Partner,
    TeamObservation,
    TeamObservationQuerySet,
)
from mpc.models.base import (
    AMOUNT,
    PERCENT_VALIDATORS,
    choices_check,
    names,
    percent_check,
)
from mpc.models.goals import (
    ActivityFlow,
    Goal,
    GoalQuerySet,
    Milestone,
    MilestoneQuerySet,
    Mission,
)
from mpc.models.monitoring import (
    CheckIn,
    IndicatorProgress,
    IndicatorReading,
    IndicatorReadingQuerySet,
    MilestoneUpdate,
    MilestoneUpdateQuerySet,
    Progress,
)
from mpc.models.resources import Resource, Role
from mpc.models.stages import (
    PERSONAL_CATEGORIES,
    PLAN_CATEGORIES,
    PROJECT_CATEGORIES,
    Stage,
    StageQuerySet,
)

__all__ = [
    "AMOUNT",
    "PERCENT_VALIDATORS",
    "PERSONAL_CATEGORIES",
    "PLAN_CATEGORIES",
    "PROJECT_CATEGORIES",
    "ActivityFlow",
    "AuditRating",
    "CheckIn",
    "Customer",
    "Factor",
    "Goal",
    "GoalQuerySet",
    "IndicatorProgress",
    "IndicatorReading",
    "IndicatorReadingQuerySet",
    "Milestone",
    "MilestoneQuerySet",
    "MilestoneUpdate",
    "MilestoneUpdateQuerySet",
    "Mission",
    "Partner",
    "Progress",
    "Resource",
    "Role",
    "Stage",
    "StageQuerySet",
    "TeamObservation",
    "TeamObservationQuerySet",
    "choices_check",
    "names",
    "percent_check",
]
