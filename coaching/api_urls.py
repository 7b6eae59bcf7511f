"""/api/v1/: the whole domain over HTTP, documented at /api/schema/ and /api/docs/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from coaching import intake_api, progress_api
from coaching.calendar_api import CalendarFeedRenewalView, CalendarFeedView
from coaching.languages_api import LanguageView
from coaching.privacy_api import PrivacyViewSet
from coaching.sign_in_links_api import SignInLinkView
from coaching.tokens_api import ApiTokenViewSet, TokenView
from engagements import api as engagements
from mpc import api as mpc
from sessions_grow import api as sessions

router = SimpleRouter(trailing_slash=True)
router.register("auth/tokens", ApiTokenViewSet, basename="api-token")
router.register("coaches", engagements.CoachViewSet, basename="coach")
router.register("certifications", engagements.CertificationViewSet, basename="certification")
router.register("organisations", engagements.OrganisationViewSet, basename="organisation")
router.register("coachees", engagements.CoacheeViewSet, basename="coachee")
router.register("engagements", intake_api.EngagementViewSet, basename="engagement")
router.register("objectives", engagements.ObjectiveViewSet, basename="objective")
router.register("action-plans", engagements.ActionPlanViewSet, basename="actionplan")
router.register("action-items", engagements.ActionItemViewSet, basename="actionitem")
router.register("sessions", sessions.CoachingSessionViewSet, basename="session")
router.register("audit-events", engagements.AuditEventViewSet, basename="audit-event")
router.register("supervision-entries", engagements.SupervisionEntryViewSet, basename="supervision-entry")
router.register("reports/coach-hours", engagements.CoachHoursViewSet, basename="coach-hours")
router.register("sponsors", engagements.SponsorViewSet, basename="sponsor")
router.register("engagement-reports", progress_api.EngagementReportViewSet, basename="engagement-report")
router.register("sponsor/engagements", progress_api.SponsorEngagementViewSet, basename="sponsor-engagement")
router.register("privacy/coachees", PrivacyViewSet, basename="privacy-coachee")
router.register("mpc/stages", mpc.StageViewSet, basename="mpc-stage")
router.register("mpc/audit-ratings", mpc.AuditRatingViewSet, basename="mpc-audit-rating")
router.register("mpc/team-observations", mpc.TeamObservationViewSet, basename="mpc-team-observation")
router.register("mpc/customers", mpc.CustomerViewSet, basename="mpc-customer")
router.register("mpc/partners", mpc.PartnerViewSet, basename="mpc-partner")
router.register("mpc/factors", mpc.FactorViewSet, basename="mpc-factor")
router.register("mpc/missions", mpc.MissionViewSet, basename="mpc-mission")
router.register("mpc/goals", mpc.GoalViewSet, basename="mpc-goal")
router.register("mpc/milestones", mpc.MilestoneViewSet, basename="mpc-milestone")
router.register("mpc/activity-flows", mpc.ActivityFlowViewSet, basename="mpc-activity-flow")
router.register("mpc/resources", mpc.ResourceViewSet, basename="mpc-resource")
router.register("mpc/roles", mpc.RoleViewSet, basename="mpc-role")
router.register("mpc/plan-items", mpc.PlanItemViewSet, basename="mpc-plan-item")
router.register("mpc/check-ins", mpc.CheckInViewSet, basename="mpc-check-in")
router.register("mpc/indicators", mpc.ControlIndicatorViewSet, basename="mpc-indicator")
router.register("mpc/indicator-readings", mpc.ControlReadingViewSet, basename="mpc-indicator-reading")


app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("sign-in-links/", SignInLinkView.as_view(), name="sign-in-links"),
    path("language/", LanguageView.as_view(), name="language"),
    path("reminder-settings/", engagements.ReminderSettingsView.as_view(), name="reminder-settings"),
    path("calendar-feed/", CalendarFeedView.as_view(), name="calendar-feed"),
    path("calendar-feed/renewal/", CalendarFeedRenewalView.as_view(), name="calendar-feed-renewal"),
    path("sponsor-settings/", engagements.SponsorSettingsView.as_view(), name="sponsor-settings"),
    path("reports/practice-overview/", progress_api.PracticeOverviewView.as_view(), name="practice-overview"),
    path("", include(router.urls)),
]
