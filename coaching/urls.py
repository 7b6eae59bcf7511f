from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from coaching import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("api/v1/", include("coaching.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/invitation/<uidb64>/<token>/", views.AcceptInvitationView.as_view(), name="accept_invitation"),
    # logout, password change and reset by email: Django's views with our templates.
    path("accounts/", include("django.contrib.auth.urls")),
    path("", views.dashboard, name="dashboard"),
    path("my/", views.portal, name="portal"),
    path("actions/<uuid:public_id>/progress/", views.action_progress, name="action_progress"),
    path("", include("engagements.urls")),
    path("", include("sessions_grow.urls")),
    path("", include("mpc.urls")),
]

handler404 = views.not_found
