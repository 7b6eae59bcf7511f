from django.urls import path
from django.views.decorators.http import require_safe

from sessions_grow import views

app_name = "sessions_grow"
urlpatterns = [
    path("engagements/<uuid:public_id>/sessions/new/", views.schedule, name="schedule"),
    path("sessions/<uuid:public_id>/", require_safe(views.session_detail), name="detail"),
    path("sessions/<uuid:public_id>/hold/", views.hold, name="hold"),
    path("sessions/<uuid:public_id>/record/", views.update_record, name="update_record"),
    path("sessions/<uuid:public_id>/call-off/", views.call_off, name="call_off"),
    path("sessions/<uuid:public_id>/reschedule/", views.reschedule, name="reschedule"),
    path("sessions/<uuid:public_id>/actions/", views.agree_action, name="agree_action"),
    path("sessions/<uuid:public_id>/note/", views.private_note, name="private_note"),
]
