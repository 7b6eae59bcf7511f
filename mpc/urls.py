from django.urls import path
from django.views.decorators.http import require_safe

from mpc import views

app_name = "mpc"
urlpatterns = [
    path("engagements/<uuid:public_id>/mpc/", require_safe(views.overview), name="overview"),
    path("engagements/<uuid:public_id>/mpc/start/", views.start, name="start"),
    path("engagements/<uuid:public_id>/mpc/plan/", require_safe(views.plan_print), name="plan_print"),
    path("engagements/<uuid:public_id>/mpc/plan.pdf", require_safe(views.plan_pdf), name="plan_pdf"),
    path("engagements/<uuid:public_id>/mpc/monitoring/<slug:key>/<uuid:record>/", views.row_act, name="row_act"),
    path("my/indicators/<uuid:public_id>/reading/", views.read_indicator, name="read_indicator"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/", require_safe(views.stage), name="stage"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/move/", views.move, name="move"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", views.add, name="add"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/edit/", views.edit, name="edit"),
    path("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/delete/", views.delete, name="delete"),
]
