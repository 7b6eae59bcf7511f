"""Management through Professional Coaching (MPC): seven ordered stages that run the
coaching as a project, from the audits to the monitoring of goals and milestones.
One module per part of the method (past STYLE's ~500 lines for one file); import them from here.

Action plans (stage 6) live on engagements' ActionPlan / ActionItem, shared with GROW.
"""

from engagements.models import PERSONAL_CATEGORIES, PLAN_CATEGORIES, PROJECT_CATEGORIES
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
    unique,
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
    ControlReading,
    ControlReadingQuerySet,
    GoalRating,
    GoalRatingQuerySet,
    IndicatorProgress,
    IndicatorReading,
    IndicatorReadingQuerySet,
    MilestoneUpdate,
    MilestoneUpdateQuerySet,
    Progress,
)
from mpc.models.plans import ABOUT_FIELD, ABOUT_MODEL, ControlIndicator, ControlIndicatorQuerySet, PlanLink, PlanLinkQuerySet
from mpc.models.resources import Resource, Role
from mpc.models.stages import (
    Check,
    Stage,
    StageQuerySet,
)

__all__ = [
    "ABOUT_FIELD",
    "ABOUT_MODEL",
    "AMOUNT",
    "Check",
    "ControlIndicator",
    "ControlIndicatorQuerySet",
    "ControlReading",
    "ControlReadingQuerySet",
    "GoalRating",
    "GoalRatingQuerySet",
    "PlanLink",
    "PlanLinkQuerySet",
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
    "unique",
]
