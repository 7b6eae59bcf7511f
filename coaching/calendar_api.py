"""REST API v1 for a person's own calendar feed: read its URL, renew it, choose what it shows.
(The feed itself is at that URL: text/calendar, opened by its secret alone.)"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coaching import calendar
from coaching.models import CalendarFeed
from kit.api import StrictSerializer


class CalendarFeedSerializer(StrictSerializer):
    """A person's calendar feed: its URL, what it shows, since when the URL works."""

    url = serializers.SerializerMethodField(help_text="The private feed URL to give a calendar application (text/calendar).")
    shows = serializers.ChoiceField(
        choices=CalendarFeed.Shows.choices, help_text="titles: each session and deadline by its title; busy: each session as “Busy”, no deadlines."
    )
    renewed_at = serializers.DateTimeField(read_only=True, help_text="Since when this URL works.")

    def get_url(self, feed: CalendarFeed) -> str:
        return calendar.feed_url(feed)


class CalendarFeedView(APIView):
    """Your own private calendar feed: your sessions, and the deadlines of your actions and
    milestones; its URL works without signing in, so keep it to yourself."""

    @extend_schema(responses={200: CalendarFeedSerializer})
    def get(self, request: Request) -> Response:
        return Response(CalendarFeedSerializer(calendar.feed_of(request.user)).data)

    @extend_schema(request=CalendarFeedSerializer, responses={200: CalendarFeedSerializer})
    def patch(self, request: Request) -> Response:
        """Choose what your feed shows: titles, or only "Busy"."""
        given = CalendarFeedSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        feed = calendar.feed_of(request.user)
        if "shows" in given.validated_data:
            feed = calendar.set_feed_privacy(feed=feed, shows=given.validated_data["shows"], by=request.user)
        return Response(CalendarFeedSerializer(feed).data)


class CalendarFeedRenewalView(APIView):
    """A new URL for your feed."""

    @extend_schema(request=None, responses={200: CalendarFeedSerializer})
    def post(self, request: Request) -> Response:
        """Renew your feed's URL: the old one answers 404 from now on."""
        feed = calendar.renew_feed_secret(feed=calendar.feed_of(request.user), by=request.user)
        return Response(CalendarFeedSerializer(feed).data)
