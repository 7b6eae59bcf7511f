"""/api/v1/: the whole domain over HTTP, documented at /api/schema/ and /api/docs/."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import SimpleRouter

from engagements import api as engagements
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


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (`Authorization: Token …`)."""

    @extend_schema(tags=["auth"])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("", include(router.urls)),
]
