"""Support actions that span the apps, added to the roster admin; and the login secrets
(API tokens, authenticator apps, recovery codes) listed for revoking, never shown."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaching import privacy
from coaching.models import ApiToken
from engagements.admin import CoacheeAdmin
from engagements.models import Coachee
from engagements.services import RuleBroken
from kit.admin import reason_or_confirmation


class PrivacyCoacheeAdmin(CoacheeAdmin):
    actions = ["erase"]

    @admin.action(description=gettext_lazy("Erase the selected coachees (irreversible)"))
    def erase(self, request: HttpRequest, queryset: QuerySet[Coachee]):
        reason = reason_or_confirmation(
            self, request, queryset, action="erase", title=_("Erase these clients"),
            consequence=_(
                "Erasing removes each client's identity and every text they or their coach wrote, for good; "
                "the practice keeps only anonymous counts. Their engagements must have ended."
            ),
        )
        if not isinstance(reason, str):
            return reason
        for coachee in queryset:
            try:
                privacy.erase_coachee(coachee=coachee, by=request.user, reason=reason)
            except (RuleBroken, PermissionDenied) as refused:
                self.message_user(request, f"{coachee}: {refused}", messages.ERROR)
            else:
                self.message_user(request, _("A coachee was erased."), messages.SUCCESS)
        return None


admin.site.unregister(Coachee)
admin.site.register(Coachee, PrivacyCoacheeAdmin)


class ListAndRevokeAdmin(admin.ModelAdmin):
    """A login secret in Django admin: who holds one and since when, and a way to revoke
    it. Its value (token digest, TOTP key, recovery codes) is in no field, list or form:
    a superuser who could read it could log in as anyone."""

    list_select_related = ["user"]
    search_fields = ["user__username", "user__last_name"]
    actions = ["delete_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ListAndRevokeAdmin):
    list_display = ["user", "name", "created", "expiry"]
    fields = list_display


class TOTPDeviceAdmin(ListAndRevokeAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = list_display


class StaticDeviceAdmin(ListAndRevokeAdmin):
    list_display = ["user", "name", "codes_left"]
    fields = list_display

    def get_queryset(self, request: HttpRequest) -> QuerySet[StaticDevice]:
        return super().get_queryset(request).annotate(unused=Count("token_set"))

    @admin.display(description=gettext_lazy("recovery codes left"))
    def codes_left(self, device: StaticDevice) -> int:
        return device.unused


# django-otp's own admins show the key, a QR code of it and the recovery codes.
for model, model_admin in [(TOTPDevice, TOTPDeviceAdmin), (StaticDevice, StaticDeviceAdmin)]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
