from django.urls import path
from django.views.decorators.http import require_safe

from mpc import views

app_name = "mpc"
urlpatterns = [
    path("engagements/<uuid:public_id>/mpc/", require_safe(views.overview), name="overview"),
    path("engagements/<uuid:public_id>/mpc/start/", views.start, name="start"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/", require_safe(views.stage), name="stage"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/move/", views.move, name="move"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", views.add, name="add"),
]
