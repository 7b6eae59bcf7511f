from django.urls import path
from django.views.decorators.http import require_safe

from engagements import views

app_name = "engagements"
urlpatterns = [
    path("engagements/new/", views.new_engagement, name="new"),
    path("engagements/<uuid:public_id>/", require_safe(views.engagement_detail), name="detail"),
    path("engagements/<uuid:public_id>/transition/", views.transition, name="transition"),
    path("engagements/<uuid:public_id>/coach/", views.assign_coach, name="assign_coach"),
    path("engagements/<uuid:public_id>/exploratory/", require_safe(views.exploratory), name="exploratory"),
    path("engagements/<uuid:public_id>/exploratory/session/", views.record_exploratory, name="record_exploratory"),
    path("engagements/<uuid:public_id>/exploratory/objectives/", views.add_objective, name="add_objective"),
    path("engagements/<uuid:public_id>/exploratory/terms/", views.set_terms, name="set_terms"),
    path("engagements/<uuid:public_id>/assessment/", require_safe(views.assessment), name="assessment"),
    path("engagements/<uuid:public_id>/assessment/evaluation/", views.write_evaluation, name="write_evaluation"),
    path("objectives/<uuid:public_id>/evaluate/", views.evaluate_objective, name="evaluate_objective"),
    path("settings/reminders/", views.reminder_settings, name="reminder_settings"),
    path("roster/", require_safe(views.roster), name="roster"),
    path("roster/invite/", views.invite_coach, name="invite_coach"),
    path("roster/<uuid:public_id>/", require_safe(views.coach_detail), name="coach"),
    path("roster/<uuid:public_id>/certifications/", views.add_certification, name="add_certification"),
    path("roster/<uuid:public_id>/edit/", views.update_coach, name="update_coach"),
    path("roster/<uuid:public_id>/active/", views.set_coach_active, name="set_coach_active"),
]
