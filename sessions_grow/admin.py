"""Support view of GROW sessions: dates and statuses only. Session content is the
client's and the coach's; private notes are never registered here."""

from django.contrib import admin
from django.http import HttpRequest

from sessions_grow.models import CoachingSession


@admin.register(CoachingSession)
class CoachingSessionAdmin(admin.ModelAdmin):
    list_display = ("engagement", "number", "scheduled_at", "status", "duration_minutes")
    list_filter = ("status",)
    list_select_related = ("engagement",)
    fields = ("engagement", "number", "scheduled_at", "status", "duration_minutes", "held_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
