from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from coaching import two_factor, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", require_safe(views.health), name="health"),
    path("api/v1/", include("coaching.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema", template_name="api/swagger_ui.html"), name="api-docs"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/2fa/", include(two_factor)),
    path("accounts/invitation/<uidb64>/<token>/", views.AcceptInvitationView.as_view(), name="accept_invitation"),
    # logout, password change and reset by email: Django's views with our templates.
    path("accounts/", include("django.contrib.auth.urls")),
    path("", require_safe(views.dashboard), name="dashboard"),
    path("my/", require_safe(views.portal), name="portal"),
    path("my/export/", require_safe(views.export_my_data), name="export_my_data"),
    path("actions/<uuid:public_id>/progress/", views.action_progress, name="action_progress"),
    path("", include("engagements.urls")),
    path("", include("sessions_grow.urls")),
    path("", include("mpc.urls")),
]

if settings.TANDEM_BENCH_VIEWS:
    # The floors bench/throughput.py measures against (never on in production).
    from coaching import bench_views

    urlpatterns[:0] = [path("bench/bare/", bench_views.bare), path("bench/api-bare/", bench_views.BareApi.as_view())]

handler404 = views.not_found
