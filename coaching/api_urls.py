"""/api/v1/: the whole domain over HTTP, documented at /api/schema/ and /api/docs/."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import SimpleRouter

from coaching.privacy_api import PrivacyViewSet
from coaching.two_factor import TwoFactorAuthTokenSerializer
from engagements import api as engagements
from mpc import api as mpc
from sessions_grow import api as sessions

router = SimpleRouter(trailing_slash=True)
router.register("coaches", engagements.CoachViewSet, basename="coach")
router.register("certifications", engagements.CertificationViewSet, basename="certification")
router.register("organisations", engagements.OrganisationViewSet, basename="organisation")
router.register("coachees", engagements.CoacheeViewSet, basename="coachee")
router.register("engagements", engagements.EngagementViewSet, basename="engagement")
router.register("objectives", engagements.ObjectiveViewSet, basename="objective")
router.register("action-plans", engagements.ActionPlanViewSet, basename="actionplan")
router.register("action-items", engagements.ActionItemViewSet, basename="actionitem")
router.register("sessions", sessions.CoachingSessionViewSet, basename="session")
router.register("audit-events", engagements.AuditEventViewSet, basename="audit-event")
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


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (`Authorization: Token …`);
    a user with two-factor login on must also give a current code in `otp`."""

    serializer_class = TwoFactorAuthTokenSerializer

    @extend_schema(tags=["auth"])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("", include(router.urls)),
]
