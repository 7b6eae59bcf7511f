from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = gettext_lazy("Engagements and roster")

    def ready(self) -> None:
        from engagements import reminders

        reminders.register_engagement_sources()
