"""API shapes for GROW sessions. The coach sees the whole record and their own private
note; a coachee sees the session's facts and, once shared, its summary."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements.models import Engagement
from engagements.serializers import ActionItemSerializer, PersonRefField
from kit.api import PublicIdField, StrictSerializer
from sessions_grow.models import CoachingSession, PrivateNote

GROW_TEXT = ["goal_review", "goal_today", "reality_questions", "reality_insights", "options_explored", "options_strategies"]


class CoachingSessionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    agreed_items = ActionItemSerializer(many=True, read_only=True)
    # The GROW record is the coach's working material: null for anyone else.
    goal_review = serializers.CharField(read_only=True, allow_null=True)
    goal_today = serializers.CharField(read_only=True, allow_null=True)
    reality_questions = serializers.CharField(read_only=True, allow_null=True)
    reality_insights = serializers.CharField(read_only=True, allow_null=True)
    options_explored = serializers.CharField(read_only=True, allow_null=True)
    options_strategies = serializers.CharField(read_only=True, allow_null=True)
    summary = serializers.SerializerMethodField()
    private_note = serializers.SerializerMethodField()

    class Meta:
        model = CoachingSession
        fields = [
            "id", "engagement", "number", "scheduled_at", "status", "duration_minutes", "held_at",
            *GROW_TEXT, "commitment", "agreed_items", "summary", "summary_shared", "private_note",
        ]
        read_only_fields = fields

    def _is_coach(self, session: CoachingSession) -> bool:
        if "coached" not in self.context:
            # One query for a whole page: the ids of the engagements the caller coaches.
            user = self.context["request"].user
            self.context["coached"] = set(Engagement.objects.coached_by(user).values_list("pk", flat=True))
        return session.engagement_id in self.context["coached"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_summary(self, session: CoachingSession) -> str | None:
        return session.summary if session.summary_shared or self._is_coach(session) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_private_note(self, session: CoachingSession) -> str | None:
        """Only ever the requesting coach's own note."""
        user = self.context["request"].user
        notes = [n for n in session.private_notes.all() if n.author_id == user.pk]
        return notes[0].body if notes else None

    def to_representation(self, session: CoachingSession) -> dict:
        data = super().to_representation(session)
        if not self._is_coach(session):
            # The GROW record is the coach's working material; the client gets the summary.
            for field in [*GROW_TEXT, "commitment"]:
                data[field] = None
        return data


class ScheduleSerializer(StrictSerializer):
    engagement = PublicIdField(Engagement)
    scheduled_at = serializers.DateTimeField()


class GrowRecordSerializer(StrictSerializer):
    goal_review = serializers.CharField(allow_blank=True, required=False)
    goal_today = serializers.CharField(allow_blank=True, required=False)
    reality_questions = serializers.CharField(allow_blank=True, required=False)
    reality_insights = serializers.CharField(allow_blank=True, required=False)
    options_explored = serializers.CharField(allow_blank=True, required=False)
    options_strategies = serializers.CharField(allow_blank=True, required=False)
    commitment = serializers.IntegerField(min_value=1, max_value=10, allow_null=True, required=False)
    summary = serializers.CharField(allow_blank=True, required=False)
    share_summary = serializers.BooleanField(required=False)


class HoldSerializer(GrowRecordSerializer):
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600)
    held_at = serializers.DateTimeField(required=False)


class CallOffSerializer(StrictSerializer):
    no_show = serializers.BooleanField(default=False)
    reason = serializers.CharField(max_length=500, help_text="Why it did not take place; kept in the history.")


class AgreeActionSerializer(StrictSerializer):
    title = serializers.CharField(max_length=300)
    owner = PersonRefField(allow_null=True, default=None)
    due_on = serializers.DateField(allow_null=True, default=None)


class PrivateNoteSerializer(StrictSerializer):
    body = serializers.CharField()

    class Meta:
        model = PrivateNote


class RescheduleSerializer(StrictSerializer):
    scheduled_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=500, help_text="Kept in the engagement's history; the client is told the new time, not the reason.")
