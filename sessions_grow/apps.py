from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsGrowConfig(AppConfig):
    name = "sessions_grow"
    verbose_name = _("GROW sessions")

    def ready(self) -> None:
        from engagements.signals import engagement_ended, participant_changed
        from sessions_grow.services import call_off_with_the_engagement, invite_who_joined_or_left

        engagement_ended.connect(call_off_with_the_engagement, dispatch_uid="sessions_grow.call_off_with_the_engagement")
        participant_changed.connect(invite_who_joined_or_left, dispatch_uid="sessions_grow.invite_who_joined_or_left")
