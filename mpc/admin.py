"""Django admin for support: MPC content is read here, changed only through the services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Support looks; the rules live in mpc.services, so admin never writes."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_on", "status", "progress", "owner", "reached_at"]


class ReadingInline(ReadOnlyInline):
    model = IndicatorReading
    fields = ["goal", "value", "unit"]


class MilestoneUpdateInline(ReadOnlyInline):
    model = MilestoneUpdate
    fields = ["milestone", "progress"]


@admin.register(Stage)
class StageAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "number", "status", "needs_review", "completed_at"]
    list_filter = ["status", "needs_review", "number"]
    search_fields = ["engagement__title"]
    list_select_related = ["engagement"]


@admin.register(AuditRating)
class AuditRatingAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "area", "rating", "required", "gap"]
    list_filter = ["area"]
    search_fields = ["engagement__title"]


@admin.register(TeamObservation)
class TeamObservationAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "member", "aspect", "rating"]
    search_fields = ["engagement__title", "aspect"]


@admin.register(Customer, Partner)
class ProjectAuditAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "name"]
    search_fields = ["engagement__title", "name"]


@admin.register(Factor)
class FactorAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "description", "nature", "effect", "weight"]
    list_filter = ["nature", "effect"]
    search_fields = ["engagement__title", "description"]


@admin.register(Mission)
class MissionAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "updated_at"]
    search_fields = ["engagement__title"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["title", "engagement", "kind", "is_human", "metric", "unit", "baseline", "target", "deadline"]
    list_filter = ["kind", "is_human"]
    search_fields = ["title", "engagement__title"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "goal", "due_on", "status", "progress", "owner"]
    list_filter = ["status"]
    search_fields = ["title", "goal__title", "goal__engagement__title"]
    date_hierarchy = "due_on"
    list_select_related = ["goal", "owner"]


@admin.register(ActivityFlow)
class ActivityFlowAdmin(ReadOnlyAdmin):
    list_display = ["name", "engagement", "owner", "goal"]
    search_fields = ["name", "engagement__title"]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["name", "engagement", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "engagement__title"]


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ["title", "holder", "engagement"]
    search_fields = ["title", "engagement__title"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "held_on"]
    search_fields = ["engagement__title"]
    date_hierarchy = "held_on"
    inlines = [ReadingInline, MilestoneUpdateInline]
