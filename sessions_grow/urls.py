from django.urls import path

from sessions_grow import views

app_name = "sessions_grow"
urlpatterns = [
    path("sessions/<uuid:public_id>/", views.session_detail, name="detail"),
]
