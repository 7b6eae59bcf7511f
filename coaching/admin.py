"""Support actions that span the apps, added to the roster admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from coaching import privacy
from engagements.admin import CoacheeAdmin
from engagements.models import Coachee
from engagements.services import RuleBroken


class PrivacyCoacheeAdmin(CoacheeAdmin):
    actions = ["erase"]

    @admin.action(description="Erase the selected coachees (irreversible)")
    def erase(self, request: HttpRequest, queryset: QuerySet[Coachee]) -> None:
        for coachee in queryset:
            try:
                privacy.erase_coachee(coachee=coachee, by=request.user)
            except (RuleBroken, PermissionDenied) as refused:
                self.message_user(request, f"{coachee}: {refused}", messages.ERROR)
            else:
                self.message_user(request, "A coachee was erased.", messages.SUCCESS)


admin.site.unregister(Coachee)
admin.site.register(Coachee, PrivacyCoacheeAdmin)
