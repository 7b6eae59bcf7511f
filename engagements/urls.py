from django.urls import path

from engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.home, name="home"),
    path("engagements/<uuid:public_id>/", views.engagement_detail, name="detail"),
]
