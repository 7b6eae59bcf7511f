from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from coaching import (
    accounts,
    calendar_views,
    languages,
    progress_views,
    sign_in_links,
    tokens,
    two_factor,
    views,
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", require_safe(views.health), name="health"),
    path("api/v1/", include("coaching.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema", template_name="api/swagger_ui.html"), name="api-docs"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/2fa/", include(two_factor)),
    path("accounts/sign-in/", include(sign_in_links)),
    path("accounts/tokens/", include(tokens)),
    path("accounts/invitation/<uidb64>/<token>/", views.AcceptInvitationView.as_view(), name="accept_invitation"),
    path("settings/language/", languages.language_settings, name="language_settings"),
    path("language/", languages.switch_language, name="switch_language"),
    path("accounts/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    # logout, password change and reset by email: Django's views with our templates.
    path("accounts/", include("django.contrib.auth.urls")),
    path("", require_safe(views.dashboard), name="dashboard"),
    path("my/", require_safe(views.portal), name="portal"),
    path("my/export/", require_safe(views.export_my_data), name="export_my_data"),
    path("settings/calendar/", calendar_views.calendar_settings, name="calendar_settings"),
    path("settings/calendar/renew/", calendar_views.renew, name="renew_calendar_feed"),
    path("calendar/<uuid:public_id>/<str:secret>.ics", calendar_views.feed, name="calendar_feed"),
    path("actions/<uuid:public_id>/progress/", views.action_progress, name="action_progress"),
    path("engagements/new/", views.new_engagement, name="new_engagement"),
    path("my/objectives/<uuid:public_id>/rating/", views.rate_myself, name="rate_myself"),
    path("my/milestones/<uuid:public_id>/progress/", views.milestone_progress, name="milestone_progress"),
    path("engagements/<uuid:public_id>/report/", progress_views.produce_report, name="produce_report"),
    path("reports/<uuid:public_id>/", require_safe(progress_views.report), name="report"),
    path("reports/<uuid:public_id>/pdf/", require_safe(progress_views.report_pdf), name="report_pdf"),
    path("reports/<uuid:public_id>/approve/", progress_views.approve_report, name="approve_report"),
    path("reports/<uuid:public_id>/changes/", progress_views.ask_for_changes, name="ask_for_changes"),
    path("my/engagements/<uuid:public_id>/consent/", progress_views.give_consent, name="give_consent"),
    path("my/engagements/<uuid:public_id>/consent/withdraw/", progress_views.withdraw_consent, name="withdraw_consent"),
    path("sponsor/", require_safe(progress_views.sponsor_home), name="sponsor_home"),
    path("sponsor/engagements/<uuid:public_id>/", require_safe(progress_views.sponsor_engagement), name="sponsor_engagement"),
    path("sponsor/notice/", progress_views.sponsor_notice, name="sponsor_notice"),
    path("overview/", require_safe(progress_views.practice_overview), name="practice_overview"),
    path("", include("engagements.urls")),
    path("", include("sessions_grow.urls")),
    path("", include("mpc.urls")),
]

if settings.TANDEM_BENCH_VIEWS:
    # The floors bench/throughput.py measures against (never on in production).
    from coaching import bench_views

    urlpatterns[:0] = [path("bench/bare/", bench_views.bare), path("bench/api-bare/", bench_views.BareApi.as_view())]

handler404 = views.not_found
