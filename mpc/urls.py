from django.urls import path

from mpc import views

app_name = "mpc"
urlpatterns = [
    path("engagements/<uuid:public_id>/mpc/", views.overview, name="overview"),
    path("engagements/<uuid:public_id>/mpc/start/", views.start, name="start"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/", views.stage, name="stage"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/move/", views.move, name="move"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", views.add, name="add"),
]
