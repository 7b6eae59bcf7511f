"""MPC pages, one module per part: the stage pages (stages), monitoring as shown on stage 7
and in the portal (monitoring), the double action plan's print view and PDF (plans)."""

from mpc.views.monitoring import portal_monitoring, read_indicator
from mpc.views.plans import plan_pdf, plan_print
from mpc.views.stages import ADDERS, EDITORS, add, delete, edit, move, overview, row_act, stage, start

__all__ = [
    "ADDERS",
    "EDITORS",
    "add",
    "delete",
    "edit",
    "move",
    "overview",
    "plan_pdf",
    "plan_print",
    "portal_monitoring",
    "read_indicator",
    "row_act",
    "stage",
    "start",
]
