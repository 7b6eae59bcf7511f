"""Django admin for support and for the roster. Every rule-bound change goes through
the service functions; client content is shown read-only, private notes never."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from engagements import services
from engagements.models import (
    Certification,
    Coach,
    Coachee,
    Engagement,
    EngagementEvent,
    Objective,
    Organisation,
    Reminder,
    SupervisionEntry,
    User,
)
from kit.admin import reason_or_confirmation


@admin.register(User)
class TandemUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = UserAdmin.fieldsets + (("Tandem", {"fields": ("role", "time_zone", "reminder_mode")}),)


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ("body", "level", "number", "issued_on", "expires_on")


class SupervisionInline(admin.TabularInline):
    model = SupervisionEntry
    fk_name = "coach"
    extra = 0
    fields = ("supervisor", "held_on", "hours", "topics")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class CoachForm(forms.ModelForm):
    """Refuses a supervision loop beside the field, before anything is saved."""

    class Meta:
        model = Coach
        fields = ("bio", "specialties", "capacity", "supervisor")

    def clean_supervisor(self) -> Coach | None:
        supervisor = self.cleaned_data["supervisor"]
        if supervisor is not None and self.instance.pk and self.instance.would_loop_with(supervisor):
            raise ValidationError(
                _("%(supervisor)s is supervised by this coach, directly or not: it makes a loop.") % {"supervisor": supervisor}
            )
        return supervisor


class CoachAddForm(CoachForm):
    """Adding a coach creates their login too; the service does both at once."""

    email = forms.EmailField(label=gettext_lazy("Email"))
    first_name = forms.CharField(max_length=150, label=gettext_lazy("First name"))
    last_name = forms.CharField(max_length=150, label=gettext_lazy("Last name"))


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    list_display = ("__str__", "supervisor", "capacity", "open_engagements", "is_active")
    list_filter = ("is_active",)
    search_fields = ("user__first_name", "user__last_name", "user__email", "specialties")
    list_select_related = ("user", "supervisor__user")
    form = CoachForm
    inlines = [CertificationInline, SupervisionInline]
    readonly_fields = ("user", "is_active", "hours_logged")
    fields = ("user", "bio", "specialties", "capacity", "supervisor", "is_active", "hours_logged")
    actions = ["deactivate", "activate"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CoachAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("email", "first_name", "last_name", "bio", "specialties", "capacity", "supervisor")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    @admin.display(description=gettext_lazy("open engagements"))
    def open_engagements(self, coach: Coach) -> str:
        return f"{coach.open_engagement_count} / {coach.capacity}"

    def save_model(self, request, obj: Coach, form, change: bool) -> None:
        if not change:
            data = form.cleaned_data
            coach = services.add_coach(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                capacity=data["capacity"],
                bio=data["bio"],
                specialties=data["specialties"],
                supervisor=data["supervisor"],
                by=request.user,
            )
            obj.pk, obj.user = coach.pk, coach.user
            return
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        services.update_coach(coach=obj, by=request.user, **changes)

    def save_formset(self, request, form, formset, change):
        # Certifications added in the inline go through the service like any other.
        if formset.model is not Certification:
            return super().save_formset(request, form, formset, change)
        for obj in formset.deleted_objects:
            obj.delete()
        for cert in formset.save(commit=False):
            if cert.pk:
                cert.full_clean()
                cert.save()
            else:
                services.record_certification(
                    coach=form.instance,
                    body=cert.body,
                    level=cert.level,
                    number=cert.number,
                    issued_on=cert.issued_on,
                    expires_on=cert.expires_on,
                    by=request.user,
                )

    @admin.action(description=gettext_lazy("Deactivate the selected coaches"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Coach]) -> None:
        for coach in queryset:
            services.update_coach(coach=coach, is_active=False, by=request.user)
        count = queryset.count()
        self.message_user(
            request, ngettext("%(count)s coach deactivated.", "%(count)s coaches deactivated.", count) % {"count": count}, messages.SUCCESS
        )

    @admin.action(description=gettext_lazy("Activate the selected coaches"))
    def activate(self, request: HttpRequest, queryset: QuerySet[Coach]) -> None:
        for coach in queryset:
            services.update_coach(coach=coach, is_active=True, by=request.user)
        count = queryset.count()
        self.message_user(
            request, ngettext("%(count)s coach activated.", "%(count)s coaches activated.", count) % {"count": count}, messages.SUCCESS
        )


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ("coach", "body", "level", "number", "expires_on")
    list_filter = ("body",)
    list_select_related = ("coach__user",)
    search_fields = ("coach__user__last_name", "number")
    date_hierarchy = "expires_on"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "contact_name", "contact_email")
    search_fields = ("name",)


@admin.register(Coachee)
class CoacheeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "job_title")
    list_select_related = ("user", "organisation")
    search_fields = ("user__first_name", "user__last_name", "user__email")
    raw_id_fields = ("user",)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = EngagementEvent
    fields = ("created_at", "actor", "action", "subject", "from_state", "to_state")
    readonly_fields = fields


class ObjectiveInline(ReadOnlyInline):
    model = Objective
    fields = ("statement", "baseline_rating", "final_rating", "outcome")
    readonly_fields = fields


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    """Support view of engagements: their facts and history, changed only by services."""

    list_display = ("title", "coach", "kind", "state", "opened_on", "organisation")
    list_filter = ("state", "kind", "uses_mpc")
    list_select_related = ("coach__user", "organisation")
    search_fields = ("title", "coach__user__last_name")
    inlines = [ObjectiveInline, EventInline]
    actions = ["cancel"]
    fields = (
        "title",
        "kind",
        "state",
        "uses_mpc",
        "coach",
        "opened_on",
        "organisation",
        "coaching_type",
        "planned_hours",
        "session_frequency",
        "format",
        "location",
        "budget_amount",
        "budget_currency",
        "assessed_on",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Cancel the selected engagements (irreversible)"))
    def cancel(self, request: HttpRequest, queryset: QuerySet[Engagement]):
        reason = reason_or_confirmation(
            self, request, queryset, action="cancel", title=_("Cancel these engagements"),
            consequence=_("A cancelled engagement ends for good: its record can no longer change and nobody is reminded of it."),
        )
        if not isinstance(reason, str):
            return reason
        for engagement in queryset:
            try:
                services.transition_engagement(engagement=engagement, to=Engagement.State.CANCELLED, by=request.user, reason=reason)
            except (services.RuleBroken, PermissionDenied) as refused:
                self.message_user(request, f"{engagement}: {refused}", messages.ERROR)
        return None


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminder sent-log, read-only: what went out, what failed and why."""

    list_display = ["recipient", "kind", "lead_days", "due_on", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__email", "last_error"]
    list_select_related = ["recipient"]
    date_hierarchy = "due_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

