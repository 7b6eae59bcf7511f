"""People, the coach roster, and the engagement with its exploratory session,
objectives, terms, action plans and closing skills assessment; the reminders' sent-log.
One module each, past STYLE's ~500 lines for one file; import them from here."""

from engagements.models.engagement import (
    RATING_VALIDATORS,
    Engagement,
    EngagementEvent,
    EngagementEventQuerySet,
    EngagementQuerySet,
    EngagementScopedQuerySet,
    ExploratorySession,
    Objective,
    coach_id_of,
    rating_check,
)
from engagements.models.people import (
    Certification,
    CertificationQuerySet,
    Coach,
    Coachee,
    CoacheeQuerySet,
    CoachQuerySet,
    Organisation,
    OrganisationQuerySet,
    SupervisionEntry,
    User,
)
from engagements.models.plans import ActionItem, ActionItemQuerySet, ActionPlan
from engagements.models.reminder import Reminder, ReminderQuerySet

__all__ = [
    "RATING_VALIDATORS",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionPlan",
    "Certification",
    "CertificationQuerySet",
    "Coach",
    "CoachQuerySet",
    "Coachee",
    "CoacheeQuerySet",
    "Engagement",
    "EngagementEvent",
    "EngagementEventQuerySet",
    "EngagementQuerySet",
    "EngagementScopedQuerySet",
    "ExploratorySession",
    "Objective",
    "Organisation",
    "OrganisationQuerySet",
    "Reminder",
    "ReminderQuerySet",
    "SupervisionEntry",
    "User",
    "coach_id_of",
    "rating_check",
]
